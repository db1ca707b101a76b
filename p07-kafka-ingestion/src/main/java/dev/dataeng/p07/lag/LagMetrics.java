package dev.dataeng.p07.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Lag as a metric a Prometheus server can scrape: a Micrometer gauge {@value #NAME} with base unit {@code records}
 * and tags {@code group}, {@code topic}, {@code partition}, one per partition, updated by {@link #refresh()} from a
 * {@link LagReport}. {@link #scrape()} is the text a {@code /metrics} endpoint serves, where the gauge is named
 * {@code kafka_consumer_group_lag_records} (Prometheus names end with their unit):
 * {@code kafka_consumer_group_lag_records{group="billing",partition="0",topic="ad-events"} 42.0}.
 */
public final class LagMetrics {
    public static final String NAME = "kafka.consumer.group.lag";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String group;
    private final Supplier<List<PartitionLag>> source;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public LagMetrics(String group, Supplier<List<PartitionLag>> source) {
        this.group = group;
        this.source = source;
    }

    /** Reads the lag again and updates the gauges (one per partition, registered on first sight). */
    public void refresh() {
        for (PartitionLag l : source.get()) {
            // BEGIN SOLUTION step 12: one gauge per (group, topic, partition), registered once, backed by a value updated here
            AtomicLong value = values.computeIfAbsent(l.topic() + "/" + l.partition(), k -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder(NAME, v, AtomicLong::doubleValue)
                        .description("records the group has not committed yet (end offset minus committed offset)")
                        .baseUnit("records")
                        .tags(Tags.of("group", group, "topic", l.topic(), "partition", String.valueOf(l.partition())))
                        .register(registry);
                return v;
            });
            value.set(l.lag());
            // END SOLUTION
        }
    }

    /** The Prometheus text exposition of the registry. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
