package dev.dataeng.p05.quality;

/** What a load does with a record that does not fit the schema. */
public enum LoadMode {
    /** Stop at the first bad record (Spark's FAILFAST): for inputs that must be perfect. */
    FAIL,
    /** Skip bad records (Spark's DROPMALFORMED), counting how many were dropped. */
    DROP,
    /** Keep bad records, verbatim, in a side output for inspection and replay (PERMISSIVE + corrupt column). */
    QUARANTINE
}
