package dev.dataeng.common.ads;

/**
 * One version of an advertiser's campaign. Money is in micros (1 rupee = 1,000,000 micros), so every engine sums
 * the same whole numbers and answers can be compared exactly.
 *
 * @param campaignId        e.g. {@code cmp-0007}
 * @param advertiserId      the restaurant that advertises (a restaurant id of the food-delivery domain)
 * @param bidMicros         CPC: price of one click; CPM: price of 1,000 impressions (always a multiple of 1,000)
 * @param dailyBudgetMicros what the advertiser is willing to spend per day
 * @param version           1 for the campaign as created; each update carries the next number
 * @param updatedAtMs       when this version was written (epoch milliseconds)
 */
public record Campaign(String campaignId, long advertiserId, String name, Pricing pricing, long bidMicros,
        long dailyBudgetMicros, CampaignStatus status, int version, long updatedAtMs) {

    /** What one event of this campaign costs the advertiser: a click of a CPC campaign, an impression of a CPM one. */
    public long costMicros(EventType type) {
        return switch (pricing) {
            case CPC -> type == EventType.CLICK ? bidMicros : 0;
            case CPM -> type == EventType.IMPRESSION ? bidMicros / 1000 : 0;
        };
    }

    /** The next version of this campaign, with a new budget and status. The bid and pricing never change. */
    public Campaign update(long newDailyBudgetMicros, CampaignStatus newStatus, long atMs) {
        return new Campaign(campaignId, advertiserId, name, pricing, bidMicros, newDailyBudgetMicros, newStatus,
                version + 1, atMs);
    }
}
