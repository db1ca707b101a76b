package dev.dataeng.p05.skew;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How evenly one stage's work was spread over its tasks. {@code max / median} near 1 is balanced; a skewed join
 * stage shows one straggler far above the median, and the stage lasts as long as that straggler.
 */
public record StageBalance(int stageId, int tasks, long maxRecords, long medianRecords, long maxMs, long medianMs) {

    /** The stage that read the most shuffled records: the join/aggregation stage where skew hurts. */
    public static StageBalance heaviestShuffleStage(List<TaskRecord> tasks) {
        Map<Integer, List<TaskRecord>> byStage = tasks.stream().collect(Collectors.groupingBy(TaskRecord::stageId));
        return byStage.entrySet().stream()
                .filter(e -> e.getValue().stream().mapToLong(TaskRecord::shuffleRecordsRead).sum() > 0)
                .max(Comparator.comparingLong(e -> e.getValue().stream()
                        .mapToLong(TaskRecord::shuffleRecordsRead).sum()))
                .map(e -> of(e.getKey(), e.getValue()))
                .orElseThrow(() -> new IllegalStateException("no stage read shuffled records"));
    }

    static StageBalance of(int stageId, List<TaskRecord> tasks) {
        long[] records = tasks.stream().mapToLong(TaskRecord::shuffleRecordsRead).sorted().toArray();
        long[] millis = tasks.stream().mapToLong(TaskRecord::durationMs).sorted().toArray();
        return new StageBalance(stageId, tasks.size(), records[records.length - 1], records[records.length / 2],
                millis[millis.length - 1], millis[millis.length / 2]);
    }

    public double recordImbalance() {
        return (double) maxRecords / Math.max(1, medianRecords);
    }

    public double timeImbalance() {
        return (double) maxMs / Math.max(1, medianMs);
    }

    public String describe() {
        return String.format("stage %d: %d tasks, records max %,d / median %,d (%.1fx), time max %d ms / median %d ms"
                + " (%.1fx)", stageId, tasks, maxRecords, medianRecords, recordImbalance(), maxMs, medianMs,
                timeImbalance());
    }
}
