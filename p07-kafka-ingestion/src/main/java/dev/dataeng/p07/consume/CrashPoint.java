package dev.dataeng.p07.consume;

/**
 * Where a test makes the consumer die in the middle of a flush, as a killed process would: no more writes, no
 * offset commit, no goodbye.
 */
public enum CrashPoint {
    NONE,
    /** Bronze file renamed into place, database transaction not committed. */
    AFTER_BRONZE_FILE,
    /** Database committed, Kafka offsets not committed. */
    AFTER_DATABASE_COMMIT
}
