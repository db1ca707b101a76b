package dev.dataeng.common.ads;

/**
 * One event of the ad server.
 *
 * @param eventId      unique per event ({@code imp-42}, {@code clk-42}, {@code clk-orphan-42}); a duplicate delivery
 *                     carries the same id, which is what deduplication keys on
 * @param impressionId an impression's own id; for a click, the impression it clicked on (an orphan click names an
 *                     impression that was never served)
 * @param eventTimeMs  when it happened at the ad server (epoch milliseconds): event time, not arrival time
 */
public record AdEvent(String eventId, EventType type, String campaignId, String userId, String impressionId,
        long eventTimeMs) {
}
