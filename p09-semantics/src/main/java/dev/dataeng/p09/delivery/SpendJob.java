package dev.dataeng.p09.delivery;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The processing job of this chapter: read ad events, price each with its campaign, write one {@link SpendLine} per
 * event. The same work in four {@link DeliveryMode}s; what differs is only the order of reading, writing and
 * committing, and that is what decides what a crash costs.
 *
 * <p>The job takes all partitions of the input topic itself ({@code assign}, no group rebalance, so a restarted
 * instance starts at once) and resumes from the group's committed offsets. It stops when it has processed the input
 * up to the end offsets it saw at start, so a test can run it to completion after its crashes.
 *
 * <p>A record that is no priceable event (undecodable bytes, an unknown campaign, an event time from a broken clock)
 * does not stop the job: it goes to the dead-letter topic with its reason, in the same way (and, exactly-once, in
 * the same transaction) as the spend lines, so that {@code spend lines + dead letters = input} in every mode.
 */
public final class SpendJob {
    /**
     * Effectively-once commits its input offsets every this many batches, not after each: fewer round trips, and a
     * crash replays at most this many batches, which the idempotent sink absorbs.
     */
    public static final int COMMIT_EVERY_BATCHES = 5;

    /** An event time more than this ahead of its record's timestamp (when the ad server sent it): a broken clock. */
    public static final long MAX_CLOCK_SKEW_MS = 3_600_000L;
    /**
     * Header of a dead letter: why the record is one ({@code UNDECODABLE}, {@code UNKNOWN_CAMPAIGN},
     * {@code FUTURE_EVENT_TIME}).
     */
    public static final String REASON_HEADER = "dead-letter-reason";
    /** Header of a dead letter: where it was read ({@code topic-partition@offset}). */
    public static final String SOURCE_HEADER = "dead-letter-source";

    /** What one run did: records read from the input, lines it wrote (or upserted), records it dead-lettered. */
    public record Outcome(long read, long written, long deadLettered) {
    }

    /** What the job makes of one input record: its spend line, or the reason it is a dead letter. */
    public record Verdict(SpendLine line, String reason) {
        static Verdict priced(SpendLine line) {
            return new Verdict(line, null);
        }

        static Verdict dead(String reason) {
            return new Verdict(null, reason);
        }
    }

    private final JobSettings settings;
    private final Map<String, Campaign> campaigns;
    private long written;
    private long deadLettered;

    public SpendJob(JobSettings settings) {
        this.settings = settings;
        this.campaigns = CampaignCatalogue.fromTopic(settings.bootstrapServers(), settings.campaignsTopic());
    }

    public Outcome run(DeliveryMode mode) {
        written = 0;
        deadLettered = 0;
        long read = switch (mode) {
            case AT_MOST_ONCE -> atMostOnce();
            case AT_LEAST_ONCE -> atLeastOnce();
            case EXACTLY_ONCE -> exactlyOnce();
            case EFFECTIVELY_ONCE -> effectivelyOnce();
        };
        return new Outcome(read, written, deadLettered);
    }

    long atMostOnce() {
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_UNCOMMITTED);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            Map<TopicPartition, Long> end = assignAll(consumer);
            while (!caughtUp(consumer, end)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                read += records.count();
                // BEGIN SOLUTION step 1: at-most-once: commit the batch's offsets first, then price and send each record
                consumer.commitSync(nextOffsets(records));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(output(r));
                }
                // END SOLUTION
            }
            producer.flush();
        }
        return read;
    }

    long atLeastOnce() {
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_UNCOMMITTED);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            Map<TopicPartition, Long> end = assignAll(consumer);
            while (!caughtUp(consumer, end)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                read += records.count();
                // BEGIN SOLUTION step 1: at-least-once: send every line, wait until the broker has them all (flush), only then commit
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(output(r));
                }
                producer.flush();
                consumer.commitSync(nextOffsets(records));
                // END SOLUTION
            }
        }
        return read;
    }

    long exactlyOnce() {
        long read = 0;
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer();
                KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_COMMITTED)) {
            // Before anything is read: fences a killed predecessor with the same transactional id and aborts its
            // open transaction, so the committed offsets the consumer resumes from are final.
            producer.initTransactions();
            Map<TopicPartition, Long> end = assignAll(consumer);
            while (!caughtUp(consumer, end)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                read += records.count();
                // BEGIN SOLUTION step 1: one transaction per batch: begin, send the lines, send the input offsets to the transaction (consumer.groupMetadata()), commit
                producer.beginTransaction();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(output(r));
                }
                producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
                producer.commitTransaction();
                // END SOLUTION
            }
        }
        return read;
    }

    long effectivelyOnce() {
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_UNCOMMITTED);
                KafkaProducer<byte[], byte[]> deadLetters = producer();
                H2SpendSink sink = new H2SpendSink(settings.jdbcUrl())) {
            Map<TopicPartition, Long> end = assignAll(consumer);
            long batches = 0;
            while (!caughtUp(consumer, end)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                read += records.count();
                List<SpendLine> lines = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Verdict v = judge(r);
                    if (v.line() != null) {
                        lines.add(v.line());
                    } else {
                        deadLetters.send(deadLetter(r, v.reason()));
                    }
                }
                deadLetters.flush(); // on the broker before any commit of offsets past them
                // BEGIN SOLUTION step 1: upsert every batch (one database transaction); commit the offsets only every COMMIT_EVERY_BATCHES batches: the upsert makes what a crash replays harmless
                sink.upsert(lines);
                batches++;
                if (batches % COMMIT_EVERY_BATCHES == 0) {
                    consumer.commitSync(nextOffsets(records));
                }
                // END SOLUTION
                written += lines.size();
            }
            consumer.commitSync(); // the positions: everything up to the end is in the sink
        }
        return read;
    }

    /** The producer of the exactly-once mode. */
    KafkaProducer<byte[], byte[]> transactionalProducer() {
        Map<String, Object> props = producerProps();
        // BEGIN SOLUTION step 1: a transactional producer: a stable transactional.id (the same after a restart), idempotence on
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // END SOLUTION
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    // ---- plumbing shared by the four modes ----

    /**
     * Prices one input record, or says why it cannot be priced; the pause stands for real work (a lookup, a call) and
     * gives a crash test time to kill.
     */
    Verdict judge(ConsumerRecord<byte[], byte[]> record) {
        if (settings.paceMicrosPerRecord() > 0) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(settings.paceMicrosPerRecord()));
        }
        // BEGIN SOLUTION step 1: poison is a verdict, not an exception: UNDECODABLE (AdJson.readEvent throws), UNKNOWN_CAMPAIGN (not in the catalogue), FUTURE_EVENT_TIME (more than MAX_CLOCK_SKEW_MS after the record's timestamp); otherwise the priced line
        AdEvent event;
        try {
            event = AdJson.readEvent(record.value());
        } catch (RuntimeException e) {
            return Verdict.dead("UNDECODABLE");
        }
        Campaign campaign = campaigns.get(event.campaignId());
        if (campaign == null) {
            return Verdict.dead("UNKNOWN_CAMPAIGN");
        }
        if (event.eventTimeMs() > record.timestamp() + MAX_CLOCK_SKEW_MS) {
            return Verdict.dead("FUTURE_EVENT_TIME");
        }
        return Verdict.priced(SpendLine.of(event, campaign));
        // END SOLUTION
    }

    /** What to send for one input record: its spend line to the output topic, or the record to the dead letters. */
    ProducerRecord<byte[], byte[]> output(ConsumerRecord<byte[], byte[]> record) {
        Verdict v = judge(record);
        if (v.line() == null) {
            return deadLetter(record, v.reason());
        }
        written++;
        SpendLine line = v.line();
        return new ProducerRecord<>(settings.outputTopic(), null, line.eventTimeMs(),
                line.campaignId().getBytes(StandardCharsets.UTF_8), line.toJson());
    }

    /** The input record as it came (key, value, timestamp), with the reason and its source in headers. */
    ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        deadLettered++;
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(settings.deadLetterTopic(), null,
                record.timestamp(), record.key(), record.value());
        dead.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(SOURCE_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return dead;
    }

    /** The offsets to commit after {@code records}: per partition, the offset of the next record to read. */
    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> rs = records.records(tp);
            next.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
        }
        return next;
    }

    private Map<TopicPartition, Long> assignAll(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(settings.inputTopic(), Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        return consumer.endOffsets(partitions, Duration.ofSeconds(30));
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return props;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
