package dev.dataeng.p08.model;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;

/** The running aggregate of a window: what queries 1 and 2 keep per campaign per window (engine state). */
public record Counts(long impressions, long clicks, long spendMicros) {
    public static final Counts ZERO = new Counts(0, 0, 0);

    /** This aggregate with one more event, priced by the rate card. */
    public Counts add(AdEvent e, RateCard card) {
        long cost = card.costMicros(e.campaignId(), e.type());
        return e.type() == EventType.CLICK
                ? new Counts(impressions, clicks + 1, spendMicros + cost)
                : new Counts(impressions + 1, clicks, spendMicros + cost);
    }

    public Counts merge(Counts other) {
        return new Counts(impressions + other.impressions, clicks + other.clicks, spendMicros + other.spendMicros);
    }
}
