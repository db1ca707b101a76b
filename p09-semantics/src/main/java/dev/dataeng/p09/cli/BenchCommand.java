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
    @Option(names = "--rounds", defaultValue = "3",
            description = "runs of each producer setting; the best is kept (default: ${DEFAULT-VALUE})")
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
            long[] idempotent = new long[3];
            long[] transactional = new long[3];
            long[] intervals = {10, 100, 1000};
            for (int i = 0; i < intervals.length; i++) {
                long interval = intervals[i];
                idempotent[i] = best(() -> bench.produce(false, interval));
                transactional[i] = best(() -> bench.produce(true, interval));
                row(events.size(), "producer", "idempotent, flush every " + intervals[i] + " ms", idempotent[i]);
                row(events.size(), "producer", "transactional, commit every " + intervals[i] + " ms",
                        transactional[i]);
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
            System.out.printf(Locale.ROOT, "ratio transactional/idempotent = %.2f%n",
                    (double) transactional[1] / idempotent[1]);
            return 0;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private long best(java.util.function.LongSupplier run) {
        long best = Long.MAX_VALUE;
        for (int r = 0; r < Math.max(1, rounds); r++) {
            best = Math.min(best, run.getAsLong());
        }
        return best;
    }

    private static void row(long events, String what, String setting, long ms) {
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %,.0f |%n", what, setting, ms, events * 1000.0 / Math.max(1, ms));
    }
}
