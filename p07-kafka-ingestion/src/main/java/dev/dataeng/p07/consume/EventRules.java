package dev.dataeng.p07.consume;

import dev.dataeng.common.ads.AdEvent;
import java.util.Optional;
import java.util.Set;

/**
 * Business rules a decodable event must pass before it is loaded: its campaign exists, and its event time is not
 * more than {@code maxClockSkewMs} ahead of the record's timestamp (when the ad server sent it).
 */
public record EventRules(Set<String> knownCampaigns, long maxClockSkewMs) {

    public static final long ONE_HOUR_MS = 3_600_000L;

    /** The reason the event breaks a rule ({@code UNKNOWN_CAMPAIGN}, {@code FUTURE_EVENT_TIME}), or empty. */
    public Optional<String> violation(AdEvent e, long recordTimestampMs) {
        // BEGIN SOLUTION step 9: campaign must be known; event time no more than maxClockSkewMs after the record timestamp
        if (!knownCampaigns.contains(e.campaignId())) {
            return Optional.of("UNKNOWN_CAMPAIGN");
        }
        if (e.eventTimeMs() > recordTimestampMs + maxClockSkewMs) {
            return Optional.of("FUTURE_EVENT_TIME");
        }
        return Optional.empty();
        // END SOLUTION
    }
}
