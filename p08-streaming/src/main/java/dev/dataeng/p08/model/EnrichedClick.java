package dev.dataeng.p08.model;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.Campaign;

/**
 * Query 4, one row per click: the click with the attributes of its campaign (advertiser, bid, budget, status and
 * the version they come from), or flagged {@code known = false} when no version of its campaign exists (an unknown
 * campaign: kept and flagged, never dropped). Which version a click gets is the engine's semantics: the one valid at
 * the click's event time (Kafka Streams with a versioned table, Flink's temporal join) or the latest one the job
 * read at its start (Spark's stream–static join).
 */
public record EnrichedClick(String clickId, String campaignId, long clickTimeMs, boolean known, long advertiserId,
        long bidMicros, long dailyBudgetMicros, String status, int version) {

    /** The click with the attributes of {@code campaign}; {@code campaign == null} flags the click unknown. */
    public static EnrichedClick of(AdEvent click, Campaign campaign) {
        return campaign == null ? unknown(click.eventId(), click.campaignId(), click.eventTimeMs())
                : new EnrichedClick(click.eventId(), click.campaignId(), click.eventTimeMs(), true,
                        campaign.advertiserId(), campaign.bidMicros(), campaign.dailyBudgetMicros(),
                        campaign.status().name(), campaign.version());
    }

    public static EnrichedClick unknown(String clickId, String campaignId, long clickTimeMs) {
        return new EnrichedClick(clickId, campaignId, clickTimeMs, false, -1, 0, 0, null, 0);
    }
}
