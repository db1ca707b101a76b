package dev.dataeng.p09.crash;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How much a job has written, seen from outside: the sum of a topic's end offsets, or the records read so far
 * (read_uncommitted: records of open transactions count too, so a kill lands after some writes and before their
 * commit, not right after a commit, where there would be nothing for a weak guarantee to get wrong).
 */
public final class TopicProgress implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    public TopicProgress(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
    }

    public long written() {
        return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue)
                .sum();
    }

    /**
     * Records in the topic so far, committed or not (transaction markers, which take offsets, are not counted):
     * reads on from where the previous call stopped.
     */
    public long records() {
        if (!assigned) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assigned = true;
        }
        ConsumerRecords<byte[], byte[]> batch;
        do {
            batch = consumer.poll(Duration.ofMillis(20));
            records += batch.count();
        } while (!batch.isEmpty());
        return records;
    }

    private boolean assigned;
    private long records;

    @Override
    public void close() {
        consumer.close();
    }
}
