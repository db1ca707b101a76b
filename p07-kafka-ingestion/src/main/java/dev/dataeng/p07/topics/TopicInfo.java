package dev.dataeng.p07.topics;

import java.util.List;
import java.util.Map;

/** A topic as the cluster describes it: partitions with leader, replicas and in-sync replicas, and its configs. */
public record TopicInfo(String name, List<PartitionInfo> partitions, Map<String, String> configs) {

    public record PartitionInfo(int partition, int leader, List<Integer> replicas, List<Integer> isr) {
    }

    public int replicationFactor() {
        return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
    }
}
