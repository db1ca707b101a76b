package dev.dataeng.p07.cli;

import dev.dataeng.p07.bench.Benchmark;
import dev.dataeng.p07.produce.ProducerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Our Avro producer and consumer paths against Kafka's ProducerPerformance and"
                + " ConsumerPerformance on the same cluster; prints `ratio ours/ProducerPerformance` last.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--records", defaultValue = "300000", description = "Records per run (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rounds", defaultValue = "3", description = "Turns each producer takes; the median counts"
            + " (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--linger-ms", split = ",", description = "linger.ms for both producers; a list runs each"
            + " (default: the chapter's ProducerSettings.reliable()).")
    List<Integer> lingerMs;

    @Option(names = "--batch-size", split = ",", description = "batch.size in bytes for both producers; a list runs"
            + " each (default: the chapter's).")
    List<Integer> batchSize;

    @Option(names = "--compression", split = ",", description = "compression.type for both producers (none, lz4,"
            + " zstd, snappy, gzip); a list runs each (default: the chapter's).")
    List<String> compression;

    @Override
    public Integer call() throws Exception {
        System.out.printf("machine: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Env env = Env.open(cluster, true, System.out); Admin admin = env.admin()) {
            Benchmark.run(admin, env.bootstrapServers(), env.registry(), records, rounds, candidates(), System.out);
        }
        return 0;
    }

    /** Every combination of the given settings, on top of the chapter's reliable producer (acks=all, idempotent). */
    List<ProducerSettings> candidates() {
        ProducerSettings base = ProducerSettings.reliable();
        List<ProducerSettings> out = new ArrayList<>();
        for (int linger : lingerMs == null ? List.of(base.lingerMs()) : lingerMs) {
            for (int batch : batchSize == null ? List.of(base.batchSize()) : batchSize) {
                for (String codec : compression == null ? List.of(base.compression()) : compression) {
                    out.add(base.withBatching(linger, batch).withCompression(codec));
                }
            }
        }
        return out;
    }
}
