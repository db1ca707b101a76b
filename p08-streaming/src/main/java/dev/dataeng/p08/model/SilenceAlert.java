package dev.dataeng.p08.model;

/**
 * Query 6, one row: campaign {@code campaignId} served no impression for {@code SILENCE} of event time after its
 * impression at {@code silentSinceMs}; the alert is due at {@code silentSinceMs + SILENCE}, whether or not an event of
 * that campaign ever comes again (a rule that fires on time, not on data).
 */
public record SilenceAlert(String campaignId, long silentSinceMs, long alertAtMs) {
}
