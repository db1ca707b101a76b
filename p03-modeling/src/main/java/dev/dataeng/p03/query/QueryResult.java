package dev.dataeng.p03.query;

import java.util.List;

/** A query's answer: column labels (lower case) and rows of JDBC values in column order. */
public record QueryResult(String name, List<String> columns, List<List<Object>> rows) {

    public Object value(int row, String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("query " + name + " has no column " + column + "; it has " + columns);
        }
        return rows.get(row).get(i);
    }
}
