package dev.dataeng.p10.platform;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the platform's Flink job (speed layer + lake sink).
 *
 * @param bounded        read {@code ad-events} up to its end offsets at start, then finish (tests, backfills);
 *                       false: run until cancelled
 * @param dedupTtl       how long the speed layer remembers an event id (bounded state: the Zomato lesson)
 * @param outOfOrderness the watermark's delay behind the largest event time seen per partition
 * @param groupId        the Kafka consumer group the job commits its offsets to (on checkpoints)
 * @param speed          run the speed layer
 * @param lake           run the lake sink
 * @param startOffsets   partition → offset to start from without state (a restart that lost its state); null:
 *                       from the earliest offset
 */
public record FlinkOptions(String bootstrapServers, String lakePath, boolean bounded, Duration checkpointInterval,
        Duration dedupTtl, Duration outOfOrderness, int parallelism, String groupId, boolean speed, boolean lake,
        Map<Integer, Long> startOffsets) {

    public static FlinkOptions defaults(String bootstrapServers, String lakePath) {
        return new FlinkOptions(bootstrapServers, lakePath, false, Duration.ofSeconds(10), Duration.ofHours(1),
                Duration.ofSeconds(5), 2, "p10-platform", true, true, null);
    }

    public FlinkOptions asBounded() {
        return new FlinkOptions(bootstrapServers, lakePath, true, Duration.ofSeconds(2), dedupTtl, outOfOrderness,
                parallelism, groupId, speed, lake, startOffsets);
    }

    public FlinkOptions withCheckpointInterval(Duration d) {
        return new FlinkOptions(bootstrapServers, lakePath, bounded, d, dedupTtl, outOfOrderness, parallelism, groupId,
                speed, lake, startOffsets);
    }

    public FlinkOptions withGroupId(String g) {
        return new FlinkOptions(bootstrapServers, lakePath, bounded, checkpointInterval, dedupTtl, outOfOrderness,
                parallelism, g, speed, lake, startOffsets);
    }

    public FlinkOptions withDedupTtl(Duration ttl) {
        return new FlinkOptions(bootstrapServers, lakePath, bounded, checkpointInterval, ttl, outOfOrderness,
                parallelism, groupId, speed, lake, startOffsets);
    }

    /** Only the speed layer, only the lake, or both. */
    public FlinkOptions parts(boolean withSpeed, boolean withLake) {
        return new FlinkOptions(bootstrapServers, lakePath, bounded, checkpointInterval, dedupTtl, outOfOrderness,
                parallelism, groupId, withSpeed, withLake, startOffsets);
    }

    public FlinkOptions startingAt(Map<Integer, Long> offsets) {
        return new FlinkOptions(bootstrapServers, lakePath, bounded, checkpointInterval, dedupTtl, outOfOrderness,
                parallelism, groupId, speed, lake, offsets);
    }
}
