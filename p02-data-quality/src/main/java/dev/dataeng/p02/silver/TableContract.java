package dev.dataeng.p02.silver;

import java.util.List;
import java.util.Optional;

/**
 * The silver contract of one table: its columns in file order, its business key, and the column that says which of
 * two versions of the same key is the later one ({@code updated_at}), if the source has one.
 */
public record TableContract(String name, List<ColumnContract> columns, List<String> key, Optional<String> version) {

    public List<String> columnNames() {
        return columns.stream().map(ColumnContract::name).toList();
    }

    public ColumnContract column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no column " + columnName));
    }
}
