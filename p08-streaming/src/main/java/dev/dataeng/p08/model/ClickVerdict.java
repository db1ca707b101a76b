package dev.dataeng.p08.model;

/**
 * Query 5, one row per click: joined to its impression (served at most 10 minutes before the click, bounds
 * included), so billable; or flagged unmatched (no such impression in time: never served, or clicked too late), so
 * not billed. {@code impressionTimeMs} is -1 for an unmatched click.
 */
public record ClickVerdict(String clickId, String impressionId, String campaignId, long clickTimeMs,
        long impressionTimeMs, boolean matched) {

    public static ClickVerdict matched(String clickId, String impressionId, String campaignId, long clickTimeMs,
            long impressionTimeMs) {
        return new ClickVerdict(clickId, impressionId, campaignId, clickTimeMs, impressionTimeMs, true);
    }

    public static ClickVerdict unmatched(String clickId, String impressionId, String campaignId, long clickTimeMs) {
        return new ClickVerdict(clickId, impressionId, campaignId, clickTimeMs, -1, false);
    }
}
