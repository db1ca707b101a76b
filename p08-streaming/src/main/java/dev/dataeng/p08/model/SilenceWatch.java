package dev.dataeng.p08.model;

import java.io.Serializable;

/**
 * The state query 6 keeps per campaign outside Flink (a Kafka Streams store, Spark's {@code GroupState}): the
 * latest impression time, and whether the silence after it was already reported.
 */
public record SilenceWatch(long latestMs, boolean reported) implements Serializable {
    /** When the silence after the latest impression is due: {@code latestMs + SILENCE}. */
    public long dueMs() {
        return latestMs + StreamRules.SILENCE.toMillis();
    }
}
