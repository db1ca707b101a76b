package dev.dataeng.p09.reprocess;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Going back in a topic: by time ({@code offsetsForTimes}, the broker's time index), and by moving a consumer group's
 * committed offsets with the Admin API so that the group's next run reprocesses from there.
 */
public final class Replay {
    private Replay() {
    }

    /**
     * Per partition of {@code topic}, the offset of the first record whose timestamp is at or after {@code from};
     * the end offset where there is none (nothing to replay in that partition).
     */
    public static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<?, ?> consumer, String topic, Instant from) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        // BEGIN SOLUTION step 9: offsetsForTimes with from's epoch millis for every partition; a null answer means no record that late: use the end offset
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            offsets.put(tp, at == null ? end.get(tp) : at.offset());
        }
        // END SOLUTION
        return offsets;
    }

    /**
     * Moves {@code group}'s committed offsets on {@code topic} to the first records at or after {@code from}. The
     * group must have no active member (stop the job first; the broker refuses otherwise).
     */
    public static Map<TopicPartition, Long> resetGroup(Admin admin, KafkaConsumer<?, ?> consumer, String group,
            String topic, Instant from) {
        Map<TopicPartition, Long> target = offsetsAt(consumer, topic, from);
        try {
            alter(admin, group, target).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reset group " + group + " (is a job of it still running?): "
                    + e.getMessage(), e);
        }
        return target;
    }

    /** Sets {@code group}'s committed offsets to {@code target}; the future completes when the broker has them. */
    static KafkaFuture<Void> alter(Admin admin, String group, Map<TopicPartition, Long> target) {
        // BEGIN SOLUTION step 9: alterConsumerGroupOffsets(group, the target offsets as OffsetAndMetadata)
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        target.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        return admin.alterConsumerGroupOffsets(group, offsets).all();
        // END SOLUTION
    }
}
