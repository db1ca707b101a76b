package dev.dataeng.p01.schema;

import java.util.Locale;

/** The logical types a dataset schema may give a column. */
public enum ColumnType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP;

    public static ColumnType of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
