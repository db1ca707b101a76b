package dev.dataeng.common.ads;

/** How an event reached the pipeline, relative to its event time. */
public enum Arrival {
    /** In event-time order (its arrival delay is 0). */
    ON_TIME,
    /** Behind some later events, by at most {@link AdConfig#maxOutOfOrderMs()}: a watermark with that bound waits for it. */
    OUT_OF_ORDER,
    /** Delayed by {@link AdConfig#lateMinMs()} to {@link AdConfig#lateMaxMs()}: past any reasonable watermark bound. */
    LATE,
    /** A second delivery of an event already sent (same event id, same content): a retry upstream. */
    DUPLICATE
}
