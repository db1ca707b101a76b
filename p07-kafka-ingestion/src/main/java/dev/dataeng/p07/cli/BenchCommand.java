package dev.dataeng.p07.cli;

import dev.dataeng.p07.bench.Benchmark;
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

    @Override
    public Integer call() throws Exception {
        System.out.printf("machine: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Env env = Env.open(cluster, true, System.out); Admin admin = env.admin()) {
            Benchmark.run(admin, env.bootstrapServers(), env.registry(), records, System.out);
        }
        return 0;
    }
}
