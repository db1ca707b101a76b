package dev.dataeng.p06.project;

import java.util.List;

/** A table declared under {@code sources:} in YAML: {@code source('raw', 'orders')} resolves to {@code raw.orders}. */
public record SourceTable(String sourceName, String schema, String table, String description, List<ColumnDoc> columns) {
    public SourceTable {
        columns = List.copyOf(columns);
    }

    /** {@code source:raw.orders}: how the lineage graph and the docs name it. */
    public String nodeName() {
        return "source:" + sourceName + "." + table;
    }

    public String relation() {
        return schema + "." + table;
    }
}
