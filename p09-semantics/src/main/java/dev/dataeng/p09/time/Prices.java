package dev.dataeng.p09.time;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * What an event costs, per campaign and event type: a small serializable table a Flink function or a Kafka Streams
 * processor can carry (the campaign records themselves stay out of the job graph). Unknown campaigns cost 0.
 */
public final class Prices implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Counting only: every event costs 0. */
    public static final Prices NONE = new Prices(Map.of());

    private final HashMap<String, long[]> costs; // campaign id -> {impression, click}

    private Prices(Map<String, long[]> costs) {
        this.costs = new HashMap<>(costs);
    }

    public static Prices of(Map<String, Campaign> campaigns) {
        Map<String, long[]> costs = new HashMap<>();
        campaigns.forEach((id, c) -> costs.put(id,
                new long[] {c.costMicros(EventType.IMPRESSION), c.costMicros(EventType.CLICK)}));
        return new Prices(costs);
    }

    /**
     * The pricing bug of the reprocessing exercise: CPM campaigns charged their whole bid per impression (the bid is
     * per 1,000 impressions). What a backfill with {@link #of} has to correct.
     */
    public static Prices withCpmBug(Map<String, Campaign> campaigns) {
        Map<String, long[]> costs = new HashMap<>();
        campaigns.forEach((id, c) -> costs.put(id, new long[] {
                c.pricing() == dev.dataeng.common.ads.Pricing.CPM ? c.bidMicros() : 0, c.costMicros(EventType.CLICK)}));
        return new Prices(costs);
    }

    public long cost(AdEvent event) {
        return cost(event.campaignId(), event.type());
    }

    /** The same for an event known by its campaign and type (a Spark row, say). */
    public long cost(String campaignId, EventType type) {
        long[] c = costs.get(campaignId);
        return c == null ? 0 : c[type == EventType.IMPRESSION ? 0 : 1];
    }
}
