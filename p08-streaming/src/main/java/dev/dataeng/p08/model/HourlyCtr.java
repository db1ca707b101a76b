package dev.dataeng.p08.model;

/**
 * Query 2, one row: a campaign's impressions and clicks in one sliding hour {@code [windowStartMs, + 1 h)}; windows
 * start every 15 minutes, so each event is in four of them. The rate itself is derived, so engines compare counts.
 */
public record HourlyCtr(String campaignId, long windowStartMs, long impressions, long clicks) {

    /** Click-through rate: clicks per impression (0 when the hour had clicks but no impression of its own). */
    public double ctr() {
        return impressions == 0 ? 0.0 : (double) clicks / impressions;
    }
}
