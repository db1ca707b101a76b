package dev.dataeng.p07.bench;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.p07.produce.AdEventProducer;
import dev.dataeng.p07.produce.ProducerSettings;
import dev.dataeng.p07.produce.SendStats;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.serde.AdEventDecoder;
import dev.dataeng.p07.topics.TopicDesign;
import dev.dataeng.p07.topics.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Our producer path (events → Avro through the registry client → idempotent {@code acks=all} producer) against
 * Kafka's own {@link ProducerPerformance} with the same producer settings, record count and record size, on the
 * same cluster in the same run; then our consumer path (group consumer + Avro decoding through the registry)
 * against {@link ConsumerPerformance} on the same topic. Prints {@code ratio ours/ProducerPerformance} last.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public record Result(double oursProduce, double referenceProduce, double oursConsume, double referenceConsume) {
    }

    public static Result run(Admin admin, String bootstrap, SchemaRegistryClient registry, long records,
            PrintStream out) throws Exception {
        String ours = "bench-ours-" + System.currentTimeMillis();
        String reference = "bench-reference-" + System.currentTimeMillis();
        TopicDesign.ensure(admin, List.of(TopicSpec.eventStream(ours, 6, 1, -1),
                TopicSpec.eventStream(reference, 6, 1, -1)));
        ProducerSettings settings = ProducerSettings.reliable();

        // The input, generated before the clock starts: the generator is not the producer path.
        List<AdEvent> events = new AdEventGenerator(AdConfig.clean(7, records)).uniqueEvents().limit(records)
                .toList();
        long n = events.size();

        // Warm-up (JIT, connections, broker segments) for both, on scratch topics, not measured.
        String warmup = "bench-warmup-" + System.currentTimeMillis();
        TopicDesign.ensure(admin, List.of(TopicSpec.eventStream(warmup, 6, 1, -1)));
        try (AdEventProducer producer = new AdEventProducer(bootstrap, settings, registry, warmup)) {
            events.stream().limit(Math.min(n, 50_000)).forEach(e -> producer.send(producer.toRecord(e)));
        }
        capture(() -> ProducerPerformance.main(new String[] {"--topic", warmup, "--num-records",
                String.valueOf(Math.min(n, 50_000)), "--record-size", "50", "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=" + settings.lingerMs()}));

        // Ours: serialise through the registry client (id cached after the first call) and send with callbacks.
        long bytes = 0;
        long start = System.nanoTime();
        SendStats stats;
        try (AdEventProducer producer = new AdEventProducer(bootstrap, settings, registry, ours)) {
            for (AdEvent e : events) {
                var record = producer.toRecord(e);
                bytes += record.value().length;
                producer.send(record);
            }
            producer.flush();
            stats = producer.stats();
        }
        double oursRate = n / ((System.nanoTime() - start) / 1e9);
        if (stats.acknowledged() != n) {
            throw new IllegalStateException("our producer did not get every record acknowledged: " + stats);
        }
        int size = (int) Math.max(1, bytes / n);

        // The same path without the key: ProducerPerformance sends no key, so its sticky partitioner fills one
        // partition's batch at a time, while campaign keys spread every linger window over all partitions.
        String unkeyed = "bench-ours-unkeyed-" + System.currentTimeMillis();
        TopicDesign.ensure(admin, List.of(TopicSpec.eventStream(unkeyed, 6, 1, -1)));
        long startUnkeyed = System.nanoTime();
        try (AdEventProducer producer = new AdEventProducer(bootstrap, settings, registry, unkeyed)) {
            for (AdEvent e : events) {
                var keyed = producer.toRecord(e);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(unkeyed, null,
                        keyed.timestamp(), null, keyed.value()));
            }
            producer.flush();
        }
        double unkeyedRate = n / ((System.nanoTime() - startUnkeyed) / 1e9);
        out.printf("ours                 : %,d records of %d bytes (Avro, mean) in %s: %,.0f records/s%n", n, size,
                settings, oursRate);

        String[] args = {"--topic", reference, "--num-records", String.valueOf(n), "--record-size",
                String.valueOf(size), "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap,
                "acks=" + settings.acks(), "enable.idempotence=" + settings.idempotence(),
                "max.in.flight.requests.per.connection=" + settings.maxInFlight(), "linger.ms=" + settings.lingerMs(),
                "batch.size=" + settings.batchSize(), "compression.type=" + settings.compression()};
        String printed = capture(() -> ProducerPerformance.main(args));
        Matcher m = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(printed);
        double referenceRate = Double.NaN;
        while (m.find()) {
            referenceRate = Double.parseDouble(m.group(2)); // the last line is the whole run's summary
        }
        out.printf("ours without key     : %,d records, same settings: %,.0f records/s (information only)%n", n,
                unkeyedRate);
        out.printf("ProducerPerformance  : %,d records of %d bytes (random payload) with the same settings:"
                + " %,.0f records/s%n", n, size, referenceRate);

        // Consumers: a fresh group each, from the beginning of the topic our producer wrote.
        long[] decodeNanos = new long[1];
        double oursConsume = consume(bootstrap, registry, ours, n, decodeNanos);
        out.printf("ours consumer        : group poll + Avro decoding of %,d records: %,.0f records/s (%.1f s of it"
                + " decoding)%n", n, oursConsume, decodeNanos[0] / 1e9);
        String consumed = capture(() -> ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrap,
                "--topic", ours, "--messages", String.valueOf(n), "--group", "bench-reference-" + System.nanoTime(),
                "--hide-header"}));
        double referenceConsume = Double.NaN;
        for (String line : consumed.split("\n")) {
            String[] cols = line.split(",\\s*");
            if (cols.length >= 6) {
                try {
                    referenceConsume = Double.parseDouble(cols[5].trim()); // nMsg.sec
                } catch (NumberFormatException notTheLine) {
                    // a log line
                }
            }
        }
        out.printf("ConsumerPerformance  : %,d records: %,.0f records/s (nMsg.sec)%n", n, referenceConsume);
        out.printf("ratio ours/ConsumerPerformance = %.2f%n", oursConsume / referenceConsume);
        out.printf("ratio ours/ProducerPerformance = %.2f%n", oursRate / referenceRate);
        return new Result(oursRate, referenceRate, oursConsume, referenceConsume);
    }

    private static double consume(String bootstrap, SchemaRegistryClient registry, String topic, long n,
            long[] decodeNanos) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-ours-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AdEventDecoder decoder = new AdEventDecoder(registry);
        long start = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (read < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("our consumer read " + read + " of " + n + " in 5 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long t = System.nanoTime();
                    decoder.decode(r.value());
                    decodeNanos[0] += System.nanoTime() - t;
                    read++;
                }
            }
            consumer.commitSync();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with System.out captured (the Kafka tools print their results). */
    private static String capture(Body body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
