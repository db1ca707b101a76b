package dev.dataeng.p04.example;

import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.dag.RetryPolicy;
import dev.dataeng.p04.dag.Task;
import dev.dataeng.p04.schedule.Schedule;
import dev.dataeng.p04.sensor.FileSensor;
import java.time.Duration;
import java.time.Instant;

/** The chapter's two example DAGs. Their README twin in Airflow's Python is in the README. */
public final class ExampleDags {
    public static final String DAILY_ORDERS = "daily_orders";
    public static final String DAILY_REPORT = "daily_report";
    /** The generator's default data starts here and spans 30 days. */
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant END = Instant.parse("2025-01-30T00:00:00Z");

    private ExampleDags() {
    }

    /** extract_orders >> land_raw >> load_orders >> check_quality >> build_daily_aggregate, {@code @daily}. */
    public static Dag dailyOrders(PipelineConfig config) {
        Duration timeout = Duration.ofMinutes(5);
        // one retry for every task: absorbs a transient error or a try lost in a scheduler crash
        RetryPolicy once = RetryPolicy.fixed(1, config.apiRetry().retryDelay());
        return Dag.builder(DAILY_ORDERS)
                .schedule(Schedule.parse("@daily"))
                .startDate(START)
                .endDate(END)
                .catchup(true)
                .maxActiveTasks(2)
                .task(Task.of("extract_orders", new ExtractOrders(config)).withRetry(config.apiRetry())
                        .withTimeout(timeout))
                .task(Task.of("land_raw", new LandRaw(config)).withTimeout(timeout).withRetry(once))
                .task(Task.of("load_orders", new LoadOrders(config)).withTimeout(timeout).withRetry(once))
                .task(Task.of("check_quality", new CheckQuality(config)).withTimeout(timeout).withRetry(once))
                .task(Task.of("build_daily_aggregate", new BuildDailyAggregate(config)).withTimeout(timeout)
                        .withRetry(once))
                .chain("extract_orders", "land_raw", "load_orders", "check_quality", "build_daily_aggregate")
                .build();
    }

    /** wait_for_daily_city_sales (a file sensor on the mart's _SUCCESS marker) >> export_report, {@code @daily}. */
    public static Dag dailyReport(PipelineConfig config) {
        return Dag.builder(DAILY_REPORT)
                .schedule(Schedule.parse("@daily"))
                .startDate(START)
                .endDate(END)
                .catchup(true)
                .task(Task.of("wait_for_daily_city_sales", new FileSensor(ctx -> config.martMarker(ctx.ds()),
                        config.pokeInterval(), config.sensorTimeout())).withTimeout(Duration.ofHours(2))
                        // retries cover crashes of the sensor itself; a sensor timeout is final (not retried)
                        .withRetry(RetryPolicy.fixed(2, Duration.ofMinutes(1))))
                .task(Task.of("export_report", new ExportReport(config))
                        .withRetry(RetryPolicy.fixed(1, config.apiRetry().retryDelay())))
                .chain("wait_for_daily_city_sales", "export_report")
                .build();
    }
}
