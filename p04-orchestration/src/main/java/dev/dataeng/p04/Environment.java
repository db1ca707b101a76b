package dev.dataeng.p04;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.p04.dag.RetryPolicy;
import dev.dataeng.p04.example.ExampleDags;
import dev.dataeng.p04.example.OrdersApiServer;
import dev.dataeng.p04.example.PipelineConfig;
import dev.dataeng.p04.scheduler.DagBag;
import dev.dataeng.p04.scheduler.Scheduler;
import dev.dataeng.p04.scheduler.Sleeper;
import dev.dataeng.p04.store.MetadataStore;
import dev.dataeng.p04.example.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a command needs, wired together: the orders API (in-process), the example DAGs, the metadata store
 * and a scheduler. Closing it stops the API and the scheduler's threads.
 */
public final class Environment implements AutoCloseable {
    private final OrdersApiServer api;
    private final MetadataStore store;
    private final Scheduler scheduler;
    private final PipelineConfig config;
    private final Connection keepAlive;

    /**
     * @param home          folder for the default H2 files and the landing zone
     * @param metadataUrl   JDBC URL of the metadata DB (null: an H2 file in {@code home})
     * @param warehouseUrl  JDBC URL of the warehouse (null: an H2 file in {@code home})
     */
    public Environment(Path home, String metadataUrl, String warehouseUrl, long seed, double scale,
            double apiFailureRate, int pageSize, Duration retryDelay, Duration pokeInterval, Duration sensorTimeout,
            Clock clock, Sleeper sleeper) {
        Path abs = home.toAbsolutePath();
        // WRITE_DELAY=0: H2 otherwise writes commits to disk up to 500 ms later, and a process killed in that
        // window loses them: the metadata would say "running" for a task that succeeded (found with kill -9).
        String meta = metadataUrl != null ? metadataUrl
                : "jdbc:h2:file:" + abs.resolve("metadata") + ";WRITE_DELAY=0";
        String warehouse = warehouseUrl != null ? warehouseUrl
                : "jdbc:h2:file:" + abs.resolve("warehouse") + ";WRITE_DELAY=0";
        this.api = new OrdersApiServer(new FoodDeliveryGenerator(GeneratorConfig.of(seed, scale)), seed,
                apiFailureRate).start();
        this.config = new PipelineConfig(api.baseUrl(), abs.resolve("data"), warehouse, pageSize,
                RetryPolicy.exponential(4, retryDelay, retryDelay.multipliedBy(8)), pokeInterval, sensorTimeout);
        DagBag dags = new DagBag(ExampleDags.dailyOrders(config), ExampleDags.dailyReport(config));
        this.store = new MetadataStore(meta);
        try {
            // Each task opens its own connection; holding one open keeps an embedded H2 database from being
            // closed and reopened between tasks (a server database does not care).
            this.keepAlive = Warehouse.connect(warehouse);
        } catch (SQLException e) {
            api.close();
            store.close();
            throw new IllegalStateException("cannot open the warehouse " + MetadataStore.redact(warehouse) + ": " + e.getMessage(), e);
        }
        this.scheduler = new Scheduler(dags, store, clock, sleeper);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public MetadataStore store() {
        return store;
    }

    public PipelineConfig config() {
        return config;
    }

    public OrdersApiServer api() {
        return api;
    }

    @Override
    public void close() {
        scheduler.close();
        store.close();
        api.close();
        try {
            keepAlive.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
