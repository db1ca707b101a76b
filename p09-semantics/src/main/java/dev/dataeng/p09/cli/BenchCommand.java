package dev.dataeng.p09.cli;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.EmbeddedKafka;
import dev.dataeng.p09.bench.GuaranteeBenchmark;
import dev.dataeng.p09.crash.Topics;
import dev.dataeng.p09.time.Prices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "The cost of the guarantees on one input: transactional vs idempotent producer at commit "
                + "intervals 10/100/1000 ms, Kafka Streams at_least_once vs exactly_once_v2, Flink with checkpoints "
                + "every 1 s / 10 s vs none. Prints a table, then `ratio transactional/idempotent` at 100 ms.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka to use; without it an in-JVM cluster is started")
    String bootstrap;
    @Option(names = "--impressions", defaultValue = "500000",
            description = "impressions generated; events are about 8% more (default: ${DEFAULT-VALUE})")
    long impressions;
    @Option(names = "--seed", defaultValue = "7", description = "(default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--rounds", defaultValue = "7",
            description = "paired rounds of each producer setting (both producers, alternating which goes first); "
                    + "the medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--skip-engines", description = "only the producer comparison")
    boolean skipEngines;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka local = bootstrap == null ? EmbeddedKafka.singleBroker().start() : null;
        Path work = Files.createTempDirectory("p09-bench");
        try {
            String servers = bootstrap == null ? local.bootstrapServers() : bootstrap;
            AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(seed, impressions));
            List<AdEvent> events = generator.uniqueEvents().toList();
            Prices prices = Prices.of(generator.campaignsById());
            GuaranteeBenchmark bench = new GuaranteeBenchmark(servers, events, work);
            System.out.printf(Locale.ROOT, "%,d events, %s%n%n", events.size(),
                    bootstrap == null ? "in-JVM broker (1 node)" : servers);
            System.out.println("| what | setting | ms | events/s |");
            System.out.println("|---|---|---:|---:|");
            bench.produce(false, 100); // warm-up: class loading, broker log segments
            // Paired and interleaved: each round runs both producers back to back, in alternating order, so a
            // slow moment of a shared machine hits both; the ratio is the median of the rounds' own ratios.
            long[] intervals = {10, 100, 1000};
            double[] ratios = new double[intervals.length];
            String[] spreads = new String[intervals.length];
            for (int i = 0; i < intervals.length; i++) {
                long interval = intervals[i];
                int n = Math.max(1, rounds);
                long[] idempotent = new long[n];
                long[] transactional = new long[n];
                double[] paired = new double[n];
                for (int r = 0; r < n; r++) {
                    if (r % 2 == 0) {
                        idempotent[r] = bench.produce(false, interval);
                        transactional[r] = bench.produce(true, interval);
                    } else {
                        transactional[r] = bench.produce(true, interval);
                        idempotent[r] = bench.produce(false, interval);
                    }
                    paired[r] = (double) transactional[r] / Math.max(1, idempotent[r]);
                }
                row(events.size(), "producer", "idempotent, flush every " + interval + " ms", median(idempotent));
                row(events.size(), "producer", "transactional, commit every " + interval + " ms",
                        median(transactional));
                Arrays.sort(paired);
                ratios[i] = median(paired);
                spreads[i] = String.format(Locale.ROOT, "%.2f–%.2f", paired[0], paired[n - 1]);
            }
            if (!skipEngines) {
                String input = "bench-input";
                Topics.create(servers, input, 3);
                AdPublisher.publish(servers, input, generator.records().iterator());
                bench.streams(input, "at_least_once", prices); // warm-up runs, not reported: JIT, class loading
                bench.flink(input, 0, prices);
                row(events.size(), "Kafka Streams", "at_least_once",
                        bench.streams(input, "at_least_once", prices));
                row(events.size(), "Kafka Streams", "exactly_once_v2",
                        bench.streams(input, "exactly_once_v2", prices));
                row(events.size(), "Flink", "no checkpoints", bench.flink(input, 0, prices));
                row(events.size(), "Flink", "checkpoints every 10 s", bench.flink(input, 10_000, prices));
                row(events.size(), "Flink", "checkpoints every 1 s", bench.flink(input, 1_000, prices));
            }
            System.out.println();
            for (int i = 0; i < intervals.length; i++) {
                System.out.printf(Locale.ROOT, "commit interval %,d ms: transactional/idempotent, median of %d "
                        + "paired rounds = %.2f (rounds %s)%n", intervals[i], Math.max(1, rounds), ratios[i],
                        spreads[i]);
            }
            System.out.printf(Locale.ROOT, "ratio transactional/idempotent = %.2f%n", ratios[1]);
            return 0;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The middle of sorted {@code values} (the mean of the two middle ones for an even count). */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void row(long events, String what, String setting, long ms) {
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %,.0f |%n", what, setting, ms, events * 1000.0 / Math.max(1, ms));
    }
}
