package dev.dataeng.p06.compile;

import java.util.List;

/**
 * How a model is built: {@code view}, {@code table} or {@code incremental}; for an incremental model the columns
 * that identify a row ({@code unique_key}), so that a re-delivered row replaces its old version; for a table the
 * indexes to create on it ({@code indexes=[{'columns': ['order_id']}]}, as in dbt-postgres).
 */
public record ModelConfig(String materialized, List<String> uniqueKey, List<List<String>> indexes) {
    public static final List<String> MATERIALIZATIONS = List.of("view", "table", "incremental");

    public ModelConfig {
        uniqueKey = List.copyOf(uniqueKey);
        indexes = indexes.stream().map(List::copyOf).toList();
    }

    public boolean isIncremental() {
        return materialized.equals("incremental");
    }
}
