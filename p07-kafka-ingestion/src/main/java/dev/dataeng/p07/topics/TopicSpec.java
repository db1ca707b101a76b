package dev.dataeng.p07.topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a topic should look like: its name, partition count (the cap on a consumer group's parallelism), replication
 * factor and topic-level configs ({@code min.insync.replicas}, {@code retention.ms}, {@code cleanup.policy}, …).
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be >= 1");
        }
        configs = Map.copyOf(configs);
    }

    /**
     * An event stream: deleted by age ({@code retention.ms}, -1 keeps everything), and with replication factor
     * {@code rf} an {@code acks=all} write needs {@code min(2, rf)} replicas in sync to succeed.
     */
    public static TopicSpec eventStream(String name, int partitions, int rf, long retentionMs) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", "delete");
        c.put("retention.ms", String.valueOf(retentionMs));
        c.put("min.insync.replicas", String.valueOf(Math.min(2, rf)));
        return new TopicSpec(name, partitions, (short) rf, c);
    }

    /** A changelog: compacted, so the latest record per key is kept forever (campaign versions, stored schemas). */
    public static TopicSpec changelog(String name, int partitions, int rf) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", "compact");
        c.put("min.insync.replicas", String.valueOf(Math.min(2, rf)));
        return new TopicSpec(name, partitions, (short) rf, c);
    }
}
