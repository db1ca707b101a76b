package dev.dataeng.common.fooddelivery;

/**
 * One record that an export made dirty.
 *
 * @param recordNumber 1-based position of the record among the file's data records (the header is not counted)
 * @param kind         what was done to it
 * @param column       the column that was changed (empty for whole-row kinds)
 * @param key          the record's business key, e.g. {@code 42} or {@code 42|3}
 */
public record DirtyRecord(long recordNumber, DirtKind kind, String column, String key) {
}
