package dev.dataeng.p06.compile;

import java.util.List;

/**
 * How a model is built: {@code view}, {@code table} or {@code incremental}; for an incremental model the columns
 * that identify a row ({@code unique_key}), so that a re-delivered row replaces its old version.
 */
public record ModelConfig(String materialized, List<String> uniqueKey) {
    public static final List<String> MATERIALIZATIONS = List.of("view", "table", "incremental");

    public ModelConfig {
        uniqueKey = List.copyOf(uniqueKey);
    }

    public boolean isIncremental() {
        return materialized.equals("incremental");
    }
}
