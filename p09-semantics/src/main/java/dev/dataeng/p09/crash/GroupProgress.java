package dev.dataeng.p09.crash;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a job has come, seen from outside: the sum over the input's partitions of the offsets its consumer group
 * has committed. Works the same for a plain consumer, a transactional one (offsets committed with the transaction),
 * Kafka Streams (the group is the application id) and Flink's Kafka source (offsets committed on checkpoints).
 */
public final class GroupProgress implements AutoCloseable {
    private final Admin admin;
    private final String group;
    private final String topic;

    public GroupProgress(String bootstrapServers, String group, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.group = group;
        this.topic = topic;
    }

    /** Records of {@code topic} the group has committed as processed (0 before its first commit). */
    public long committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group,
                    new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            return 0; // the group does not exist yet, or a pending transaction: not progress yet
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
