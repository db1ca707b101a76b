package dev.dataeng.p08.model;

/**
 * Query 1, one row: what a campaign got and spent in one tumbling minute of event time,
 * {@code [windowStartMs, windowStartMs + 60 s)}. Money in micros, so every engine's sum compares exactly.
 */
public record MinuteSpend(String campaignId, long windowStartMs, long impressions, long clicks, long spendMicros) {
}
