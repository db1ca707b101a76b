package dev.dataeng.p07.lag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag from the Admin API alone, as monitoring does it (no consumer joins the group): the group's committed
 * offsets ({@code listConsumerGroupOffsets}) against each partition's end offset ({@code listOffsets}).
 */
public final class LagReport {
    private LagReport() {
    }

    /** Lag per partition of {@code topic} for {@code group}, partitions in order. */
    public static List<PartitionLag> of(Admin admin, String group, String topic) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            List<PartitionLag> out = new ArrayList<>();
            // BEGIN SOLUTION step 12: committed offsets of the group; latest and earliest offsets of each partition; lag = end - committed (earliest when nothing is committed)
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.forEach(tp -> {
                latest.put(tp, OffsetSpec.latest());
                earliest.put(tp, OffsetSpec.earliest());
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                    .get(30, TimeUnit.SECONDS);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long end = ends.get(tp).offset();
                out.add(c == null
                        ? new PartitionLag(topic, tp.partition(), end, starts.get(tp).offset(), false)
                        : new PartitionLag(topic, tp.partition(), end, c.offset(), true));
            }
            // END SOLUTION
            out.sort(Comparator.comparingInt(PartitionLag::partition));
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot compute the lag of group " + group + " on " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster took over 30 s to answer the lag query", e);
        }
    }

    /** A table for the terminal. */
    public static String format(String group, List<PartitionLag> lags) {
        StringBuilder sb = new StringBuilder(String.format("%-24s %-20s %9s %12s %12s %10s%n", "GROUP", "TOPIC",
                "PARTITION", "COMMITTED", "END", "LAG"));
        for (PartitionLag l : lags) {
            sb.append(String.format("%-24s %-20s %9d %12s %12d %10d%n", group, l.topic(), l.partition(),
                    l.hasCommit() ? String.valueOf(l.committed()) : "-", l.end(), l.lag()));
        }
        sb.append(String.format("total lag %,d%n", lags.stream().mapToLong(PartitionLag::lag).sum()));
        return sb.toString();
    }
}
