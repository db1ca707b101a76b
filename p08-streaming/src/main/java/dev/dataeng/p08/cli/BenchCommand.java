package dev.dataeng.p08.cli;

import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the same events topic, each engine running query 1 and query 5 to its end, in events per second,
 * against the rate at which a plain KafkaConsumer merely reads the topic (the ceiling). Prints the table, then each
 * engine's ratio to the ceiling, the best last.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Events/s of each engine on queries 1 (tumbling) and 5 (join) against a plain KafkaConsumer "
                + "reading the same topic; prints the ratio to that ceiling.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Option(names = "--engines", split = ",", defaultValue = "kstreams,flink,flink-sql,spark",
            description = "engines to measure (default: ${DEFAULT-VALUE})")
    List<String> engines;

    @Option(names = "--work-dir", defaultValue = "target/p08-bench", description = "default: ${DEFAULT-VALUE}")
    Path workDir;

    record Row(String engine, String query, long events, double seconds) {
        double rate() {
            return events / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        try {
            String servers = source.connect();
            RateCard card = RateCard.fromTopic(servers, source.campaignsTopic, Duration.ofSeconds(30));
            long[] counted = new long[1];
            double ceilingSeconds = time(() -> counted[0] = readAll(servers, source.inputTopic));
            long events = counted[0];
            double ceiling = events / ceilingSeconds;
            System.out.printf("ceiling: a plain KafkaConsumer read %,d records in %.2f s = %,.0f records/s%n", events,
                    ceilingSeconds, ceiling);
            List<Row> rows = new ArrayList<>();
            for (String name : engines) {
                Engine e = Engine.parse(name);
                for (Query q : List.of(Query.TUMBLING, Query.JOIN)) {
                    String url = "jdbc:h2:file:" + workDir.toAbsolutePath().resolve("bench-" + System.nanoTime());
                    Engines.Target t = new Engines.Target(servers, source.inputTopic, card, url, workDir, "local[2]",
                            2, Long.toString(System.nanoTime()));
                    double s = time(() -> Engines.run(e, q, t, left -> { }));
                    Row r = new Row(e.cliName(), q.cliName(), events, s);
                    rows.add(r);
                    System.out.printf("%-10s %-9s %,10d events in %7.2f s = %,10.0f events/s  (%.2f of the ceiling)%n",
                            r.engine(), r.query(), r.events(), r.seconds(), r.rate(), r.rate() / ceiling);
                }
            }
            System.out.println();
            System.out.printf("| engine | query | events/s | ratio to the consumer ceiling (%,.0f/s) |%n", ceiling);
            System.out.println("|---|---|---|---|");
            for (Row r : rows) {
                System.out.printf("| %s | %s | %,.0f | %.2f |%n", r.engine(), r.query(), r.rate(), r.rate() / ceiling);
            }
            Row best = rows.stream().filter(r -> r.query().equals("tumbling"))
                    .max((a, b) -> Double.compare(a.rate(), b.rate())).orElseThrow();
            System.out.printf("best on query 1: %s; ratio ours/reference = %.2f%n", best.engine(), best.rate() / ceiling);
            return 0;
        } finally {
            source.close();
        }
    }

    interface Work {
        void run() throws Exception;
    }

    static double time(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Reads every record of the topic as bytes (no decoding): what any engine must at least do. */
    static long readAll(String servers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts);
            long n = 0;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                n += c.poll(Duration.ofMillis(200)).count();
            }
            return n;
        }
    }
}
