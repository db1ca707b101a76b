package dev.dataeng.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reading a topic back in a test, as a checker outside the job under test: a fresh consumer without a group
 * (partitions assigned, not subscribed), from the earliest offset, nothing committed. Bounded in time; a shortfall
 * fails with a message that says how many records were expected and how many were there.
 */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    /**
     * Every record in {@code topic} now: reads each partition up to its end offset as of the call (for
     * {@code READ_COMMITTED}, up to the last stable offset, so aborted and open transactions are skipped).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic,
            IsolationLevel isolation, Duration bound) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic, bound);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, bound);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + bound.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " to its end offsets " + end
                            + " took longer than " + bound.toMillis() + " ms; read " + out.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /**
     * Waits until {@code topic} holds at least {@code expected} records (read from the beginning), then returns them
     * all; fails after {@code bound} with how many were found. For output a running job is still writing.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAtLeast(String bootstrapServers, String topic,
            long expected, IsolationLevel isolation, Duration bound) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic, bound);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + bound.toNanos();
            while (out.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("expected at least " + expected + " records in topic " + topic
                            + " (" + isolation.toString().toLowerCase(Locale.ROOT) + ") within " + bound.toMillis()
                            + " ms, found " + out.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // What else is there already: read to the end offsets as of now.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, bound);
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** The sum over partitions of end offset minus start offset (includes transaction markers and aborted data). */
    public static long offsetSpan(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, IsolationLevel.READ_UNCOMMITTED)) {
            List<TopicPartition> partitions = partitions(consumer, topic, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            return partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic,
            Duration bound) {
        var infos = consumer.partitionsFor(topic, bound);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, IsolationLevel isolation) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
