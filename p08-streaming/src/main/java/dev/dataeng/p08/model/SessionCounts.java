package dev.dataeng.p08.model;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;

/**
 * The running aggregate of one session (engine state of query 3): first and last event time, events, clicks. Two
 * sessions that an event bridges merge into one ({@link #merge}): session windows are the merging kind.
 */
public record SessionCounts(long firstMs, long lastMs, long events, long clicks) {
    public static final SessionCounts EMPTY = new SessionCounts(Long.MAX_VALUE, Long.MIN_VALUE, 0, 0);

    public SessionCounts add(AdEvent e) {
        return new SessionCounts(Math.min(firstMs, e.eventTimeMs()), Math.max(lastMs, e.eventTimeMs()), events + 1,
                clicks + (e.type() == EventType.CLICK ? 1 : 0));
    }

    public SessionCounts merge(SessionCounts other) {
        return new SessionCounts(Math.min(firstMs, other.firstMs), Math.max(lastMs, other.lastMs),
                events + other.events, clicks + other.clicks);
    }
}
