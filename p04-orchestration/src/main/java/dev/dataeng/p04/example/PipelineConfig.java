package dev.dataeng.p04.example;

import dev.dataeng.p04.dag.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Where the example DAGs read and write (Airflow would keep these in connections and variables).
 *
 * @param apiBaseUrl   the orders API
 * @param dataDir      landing zone: {@code staging/}, {@code raw/}, {@code marts/}, {@code reports/}
 * @param warehouseUrl JDBC URL of the warehouse the DAG loads (H2 by default; PostgreSQL works the same)
 * @param pageSize     orders per API page
 * @param apiRetry     retries of the extract task (the API is flaky)
 * @param pokeInterval how often the report's sensor looks for its partition
 * @param sensorTimeout how long it looks before giving up
 */
public record PipelineConfig(String apiBaseUrl, Path dataDir, String warehouseUrl, int pageSize, RetryPolicy apiRetry,
        Duration pokeInterval, Duration sensorTimeout) {

    public Path stagingDir(LocalDate ds) {
        return dataDir.resolve("staging/orders/dt=" + ds);
    }

    public Path rawDir(LocalDate ds) {
        return dataDir.resolve("raw/orders/dt=" + ds);
    }

    /** Written when the day's aggregate partition is complete; the report DAG's sensor waits for it. */
    public Path martMarker(LocalDate ds) {
        return dataDir.resolve("marts/daily_city_sales/dt=" + ds + "/_SUCCESS");
    }

    public Path reportFile(LocalDate ds) {
        return dataDir.resolve("reports/daily_city_sales_" + ds + ".csv");
    }
}
