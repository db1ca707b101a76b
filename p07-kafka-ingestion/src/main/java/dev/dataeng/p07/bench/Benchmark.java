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
 * Our producer path (events → Avro through the registry client → idempotent {@code acks=all} producer, keyed by
 * campaign) against Kafka's own {@link ProducerPerformance} with the same producer settings, record count and bytes
 * per record (our key + value), on topics of the same layout (6 partitions) of the same cluster in the same run;
 * then our consumer path (group consumer + Avro decoding through the registry) against {@link ConsumerPerformance} on
 * the topic ours wrote. The two producers take turns for {@code rounds} rounds and each side's median counts, so a
 * burst of load on a shared machine does not decide the ratio. Prints {@code ratio ours/ProducerPerformance} last.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public record Result(double oursProduce, double referenceProduce, double oursConsume, double referenceConsume) {
    }

    public static Result run(Admin admin, String bootstrap, SchemaRegistryClient registry, long records,
            PrintStream out) throws Exception {
        return run(admin, bootstrap, registry, records, 3, List.of(ProducerSettings.reliable()), out);
    }

    /**
     * Runs the producer comparison once per settings (each applied to both sides), then the consumer comparison;
     * the ratio printed last is the one of the first settings (the chapter's own when none are given).
     */
    public static Result run(Admin admin, String bootstrap, SchemaRegistryClient registry, long records, int rounds,
            List<ProducerSettings> candidates, PrintStream out) throws Exception {
        String stamp = String.valueOf(System.currentTimeMillis());
        // The input, generated before the clock starts: the generator is not the producer path.
        List<AdEvent> events = new AdEventGenerator(AdConfig.clean(7, records)).uniqueEvents().limit(records)
                .toList();
        long n = events.size();

        // Per-record costs of our path without the broker: Avro encoding + framing (registry id cached), the key.
        String profiled = "bench-profile-" + stamp;
        try (AdEventProducer producer = new AdEventProducer(bootstrap, ProducerSettings.reliable(), registry,
                profiled)) {
            long keyBytes = 0;
            long valueBytes = 0;
            for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
                keyBytes = 0;
                valueBytes = 0;
                long t = System.nanoTime();
                long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (AdEvent e : events) {
                    var record = producer.toRecord(e);
                    keyBytes += record.key().length;
                    valueBytes += record.value().length;
                }
                if (pass == 1) {
                    double us = (System.nanoTime() - t) / 1e3 / n;
                    double cpuUs = (java.lang.management.ManagementFactory.getThreadMXBean()
                            .getCurrentThreadCpuTime() - cpu) / 1e3 / n;
                    out.printf("per record, ours     : key %d + value %d bytes (Avro, mean); building the record"
                            + " (Avro encoding, framing, key; registry id cached) %.2f µs of CPU (%.2f µs wall)%n",
                            keyBytes / n, valueBytes / n, cpuUs, us);
                }
            }
        }

        Result first = null;
        String firstTopic = null;
        for (ProducerSettings settings : candidates) {
            String ours = "bench-ours-" + settings.lingerMs() + "-" + settings.batchSize() + "-"
                    + settings.compression() + "-" + stamp;
            String reference = ours.replace("bench-ours-", "bench-reference-");
            String spread = ours.replace("bench-ours-", "bench-reference-rr-");
            TopicDesign.ensure(admin, List.of(TopicSpec.eventStream(ours, 6, 1, -1),
                    TopicSpec.eventStream(reference, 6, 1, -1), TopicSpec.eventStream(spread, 6, 1, -1)));
            // Warm-up (JIT, connections, broker segments) of both, on the measured topics, not measured.
            long warm = Math.min(n, 50_000);
            produceOurs(bootstrap, settings, registry, ours, events.subList(0, (int) warm));
            int size = referenceSize(events, bootstrap, settings, registry, ours);
            reference(bootstrap, settings, reference, warm, size, null);
            reference(bootstrap, settings, spread, warm, size, ROUND_ROBIN);

            double[] oursRates = new double[rounds];
            double[] referenceRates = new double[rounds];
            double[] oursCpu = new double[rounds];
            double[] referenceCpu = new double[rounds];
            double[] spreadRates = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long cpu = processCpuNanos();
                oursRates[round] = produceOurs(bootstrap, settings, registry, ours, events);
                oursCpu[round] = (processCpuNanos() - cpu) / 1e3 / n;
                cpu = processCpuNanos();
                referenceRates[round] = reference(bootstrap, settings, reference, n, size, null);
                referenceCpu[round] = (processCpuNanos() - cpu) / 1e3 / n;
                spreadRates[round] = reference(bootstrap, settings, spread, n, size, ROUND_ROBIN);
            }
            double oursRate = median(oursRates);
            double referenceRate = median(referenceRates);
            out.printf("settings             : %s%n", settings);
            out.printf("ours                 : %,d records, key = campaign id over 6 partitions, Avro value: %s"
                    + " records/s, median %,.0f%n", n, rates(oursRates), oursRate);
            out.printf("ProducerPerformance  : %,d records of %d bytes (random letters, no key: sticky partitioner)"
                    + " over 6 partitions: %s records/s, median %,.0f%n", n, size, rates(referenceRates),
                    referenceRate);
            out.printf("ProducerPerformance  : the same, round-robin partitioner (each linger window spread over the 6"
                    + " partitions like our keys; records per partition %s): %s records/s, median %,.0f%n",
                    perPartition(admin, spread), rates(spreadRates), median(spreadRates));
            out.printf("  CPU of this JVM (clients + broker) per record: ours %.2f µs, ProducerPerformance %.2f µs"
                    + " (medians)%n", median(oursCpu), median(referenceCpu));
            out.printf("  ratio at these settings = %.2f (records/s); %.2f (CPU per record, reference/ours);"
                    + " %.2f against the round-robin reference%n", oursRate / referenceRate,
                    median(referenceCpu) / median(oursCpu), oursRate / median(spreadRates));
            if (first == null) {
                first = new Result(oursRate, referenceRate, Double.NaN, Double.NaN);
                firstTopic = ours;
            }
        }

        // Consumers: a fresh group each, from the beginning of the topic our producer wrote.
        String measured = firstTopic;
        long total = n; // the topic holds the warm-up and every round: read as many records as one round wrote
        long[] decodeNanos = new long[1];
        double oursConsume = consume(bootstrap, registry, measured, total, decodeNanos);
        out.printf("ours consumer        : group poll + Avro decoding of %,d records: %,.0f records/s (%.1f s of it"
                + " decoding)%n", total, oursConsume, decodeNanos[0] / 1e9);
        String consumed = capture(() -> ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrap,
                "--topic", measured, "--messages", String.valueOf(total), "--group",
                "bench-reference-" + System.nanoTime(), "--hide-header"}));
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
        out.printf("ConsumerPerformance  : %,d records: %,.0f records/s (nMsg.sec)%n", total, referenceConsume);
        out.printf("ratio ours/ConsumerPerformance = %.2f%n", oursConsume / referenceConsume);
        out.printf("ratio ours/ProducerPerformance = %.2f (%s)%n", first.oursProduce() / first.referenceProduce(),
                candidates.size() == 1 ? "median of " + rounds + " rounds" : "first settings, median of " + rounds
                        + " rounds");
        return new Result(first.oursProduce(), first.referenceProduce(), oursConsume, referenceConsume);
    }

    /** Our path, timed from the first send to the last acknowledgement (the producer is built before the clock). */
    private static double produceOurs(String bootstrap, ProducerSettings settings, SchemaRegistryClient registry,
            String topic, List<AdEvent> events) {
        long start;
        SendStats stats;
        try (AdEventProducer producer = new AdEventProducer(bootstrap, settings, registry, topic)) {
            start = System.nanoTime();
            for (AdEvent e : events) {
                producer.send(producer.toRecord(e));
            }
            producer.flush();
            stats = producer.stats();
        }
        double rate = events.size() / ((System.nanoTime() - start) / 1e9);
        if (stats.acknowledged() != events.size()) {
            throw new IllegalStateException("our producer did not get every record acknowledged: " + stats);
        }
        return rate;
    }

    /** Bytes per record the reference sends as its value: our mean key + value, so both put the same bytes in. */
    private static int referenceSize(List<AdEvent> events, String bootstrap, ProducerSettings settings,
            SchemaRegistryClient registry, String topic) {
        long bytes = 0;
        try (AdEventProducer producer = new AdEventProducer(bootstrap, settings, registry, topic)) {
            for (AdEvent e : events) {
                var record = producer.toRecord(e);
                bytes += record.key().length + record.value().length;
            }
        }
        return (int) Math.max(1, Math.round((double) bytes / events.size()));
    }

    /** ProducerPerformance (its own clock starts after its producer is built, ends after the last callback). */
    private static double reference(String bootstrap, ProducerSettings settings, String topic, long n, int size,
            String partitioner) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--topic", topic, "--num-records",
                String.valueOf(n), "--record-size", String.valueOf(size), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap,
                "acks=" + settings.acks(), "enable.idempotence=" + settings.idempotence(),
                "max.in.flight.requests.per.connection=" + settings.maxInFlight(), "linger.ms=" + settings.lingerMs(),
                "batch.size=" + settings.batchSize(), "compression.type=" + settings.compression()));
        if (partitioner != null) {
            args.add("partitioner.class=" + partitioner);
        }
        String printed = capture(() -> ProducerPerformance.main(args.toArray(String[]::new)));
        Matcher m = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(printed);
        double rate = Double.NaN;
        while (m.find()) {
            rate = Double.parseDouble(m.group(2)); // the last line is the whole run's summary
        }
        return rate;
    }

    private static final String ROUND_ROBIN = "org.apache.kafka.clients.producer.RoundRobinPartitioner";

    /** Records per partition of a topic (end offsets): shows how a partitioner spread them. */
    private static String perPartition(Admin admin, String topic) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request =
                new HashMap<>();
        for (int p = 0; p < 6; p++) {
            request.put(new org.apache.kafka.common.TopicPartition(topic, p),
                    org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        var ends = admin.listOffsets(request).all().get();
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            b.append(p == 0 ? "" : "/").append(ends.get(new org.apache.kafka.common.TopicPartition(topic, p)).offset());
        }
        return b.toString();
    }

    /** CPU time of this process: the clients and the in-JVM broker, whatever else runs on the machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String rates(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : " ").append(String.format("%,.0f", v));
        }
        return b.toString();
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
