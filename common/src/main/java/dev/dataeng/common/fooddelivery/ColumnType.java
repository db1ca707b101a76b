package dev.dataeng.common.fooddelivery;

/** The logical type of a raw column, as a schema would declare it. */
public enum ColumnType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP
}
