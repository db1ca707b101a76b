package dev.dataeng.p09.delivery;

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
 */
public final class SpendJob {
    /**
     * Effectively-once commits its input offsets every this many batches, not after each: fewer round trips, and a
     * crash replays at most this many batches, which the idempotent sink absorbs.
     */
    public static final int COMMIT_EVERY_BATCHES = 5;

    /** What one run did: records read from the input and lines it wrote (or upserted). */
    public record Outcome(long read, long written) {
    }

    private final JobSettings settings;
    private final Map<String, Campaign> campaigns;

    public SpendJob(JobSettings settings) {
        this.settings = settings;
        this.campaigns = CampaignCatalogue.fromTopic(settings.bootstrapServers(), settings.campaignsTopic());
    }

    public Outcome run(DeliveryMode mode) {
        return switch (mode) {
            case AT_MOST_ONCE -> atMostOnce();
            case AT_LEAST_ONCE -> atLeastOnce();
            case EXACTLY_ONCE -> exactlyOnce();
            case EFFECTIVELY_ONCE -> effectivelyOnce();
        };
    }

    Outcome atMostOnce() {
        long read = 0;
        long written = 0;
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
                    producer.send(output(price(r)));
                    written++;
                }
                // END SOLUTION
            }
            producer.flush();
        }
        return new Outcome(read, written);
    }

    Outcome atLeastOnce() {
        long read = 0;
        long written = 0;
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
                    producer.send(output(price(r)));
                    written++;
                }
                producer.flush();
                consumer.commitSync(nextOffsets(records));
                // END SOLUTION
            }
        }
        return new Outcome(read, written);
    }

    Outcome exactlyOnce() {
        long read = 0;
        long written = 0;
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
                    producer.send(output(price(r)));
                    written++;
                }
                producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
                producer.commitTransaction();
                // END SOLUTION
            }
        }
        return new Outcome(read, written);
    }

    Outcome effectivelyOnce() {
        long read = 0;
        long written = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_UNCOMMITTED);
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
                records.forEach(r -> lines.add(price(r)));
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
        return new Outcome(read, written);
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

    /** Prices one input record; the pause stands for real work (a lookup, a call) and gives a crash test time to kill. */
    SpendLine price(ConsumerRecord<byte[], byte[]> record) {
        if (settings.paceMicrosPerRecord() > 0) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(settings.paceMicrosPerRecord()));
        }
        var event = AdJson.readEvent(record.value());
        return SpendLine.of(event, campaigns.get(event.campaignId()));
    }

    ProducerRecord<byte[], byte[]> output(SpendLine line) {
        return new ProducerRecord<>(settings.outputTopic(), null, line.eventTimeMs(),
                line.campaignId().getBytes(StandardCharsets.UTF_8), line.toJson());
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
