package dev.dataeng.p05.skew;

/** What one finished task did: how long it ran and how many shuffled records it read. */
public record TaskRecord(int stageId, long durationMs, long shuffleRecordsRead) {
}
