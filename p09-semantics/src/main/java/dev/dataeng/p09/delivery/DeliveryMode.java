package dev.dataeng.p09.delivery;

/** The four ways {@link SpendJob} can order its reads, writes and offset commits. */
public enum DeliveryMode {
    /** Commit the input offsets, then process and write: a crash loses what was committed but not yet written. */
    AT_MOST_ONCE,
    /** Process and write, then commit: a crash re-reads what was written but not yet committed (duplicates). */
    AT_LEAST_ONCE,
    /**
     * Read-process-write in one Kafka transaction: the output records and the input offsets commit together
     * ({@code sendOffsetsToTransaction}); readers use {@code isolation.level=read_committed}.
     */
    EXACTLY_ONCE,
    /** At-least-once delivery into a sink that upserts by event id: a redelivered record overwrites itself. */
    EFFECTIVELY_ONCE;

    /** {@code at-most-once} etc., as the CLI spells it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
