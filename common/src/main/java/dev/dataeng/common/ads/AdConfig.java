package dev.dataeng.common.ads;

import java.time.Instant;

/**
 * What {@link AdEventGenerator} makes. Same config, same records, in the same order, to the byte.
 *
 * @param seed               any number; everything is a pure function of it
 * @param impressions        impressions served; clicks come on top ({@code clickRate} of them, plus orphans)
 * @param campaigns          campaigns in the catalogue ({@code cmp-0001} …)
 * @param users              distinct users impressions are served to
 * @param startMs            event time of the first impression (epoch milliseconds)
 * @param impressionsPerSecond event-time rate: impression {@code n} happens in [start + n/rate, start + (n+1)/rate)
 * @param clickRate          share of impressions that get a click, 1 s to 9 min later
 * @param slowClickRate      share of clicks that come 10 to 20 min after their impression (past a 10-min join)
 * @param orphanClickRate    per impression, the chance of a click on an impression that was never served
 * @param outOfOrderRate     share of events that arrive up to {@code maxOutOfOrderMs} behind their event time
 * @param maxOutOfOrderMs    bound of that disorder (a watermark with this bound sees every such event in time)
 * @param lateRate           share of events that arrive {@code lateMinMs}–{@code lateMaxMs} behind their event time
 * @param duplicateRate      share of events delivered twice (the copy up to 30 s after the first)
 * @param poisonRate         per impression, the chance of a poison record in the stream
 */
public record AdConfig(long seed, long impressions, int campaigns, int users, long startMs, double impressionsPerSecond,
        double clickRate, double slowClickRate, double orphanClickRate, double outOfOrderRate, long maxOutOfOrderMs,
        double lateRate, long lateMinMs, long lateMaxMs, double duplicateRate, double poisonRate) {

    /** 2026-01-05T10:00:00Z, a Monday morning. */
    public static final long DEFAULT_START_MS = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();

    public AdConfig {
        if (impressions < 0) {
            throw new IllegalArgumentException("impressions must be >= 0, was " + impressions);
        }
        if (campaigns < 1 || campaigns > 9999) {
            throw new IllegalArgumentException("campaigns must be in 1..9999, was " + campaigns);
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be >= 1, was " + users);
        }
        if (impressionsPerSecond <= 0) {
            throw new IllegalArgumentException("impressionsPerSecond must be > 0, was " + impressionsPerSecond);
        }
        for (double rate : new double[] {clickRate, slowClickRate, orphanClickRate, outOfOrderRate, lateRate,
                duplicateRate, poisonRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rates must be in [0, 1], was " + rate);
            }
        }
        if (outOfOrderRate + lateRate > 1) {
            throw new IllegalArgumentException("outOfOrderRate + lateRate must be <= 1");
        }
        if (maxOutOfOrderMs < 1 || lateMinMs <= maxOutOfOrderMs || lateMaxMs < lateMinMs) {
            throw new IllegalArgumentException(
                    "need 1 <= maxOutOfOrderMs < lateMinMs <= lateMaxMs, was " + maxOutOfOrderMs + ", " + lateMinMs
                            + ", " + lateMaxMs);
        }
    }

    /**
     * A clean stream: events in event-time order, no duplicates, no late events, no poison. 20 campaigns, 2,000
     * users, 10 impressions per second of event time (so 36,000 impressions span an hour), 8% of impressions clicked,
     * 3% of clicks slow, 0.2% orphan clicks.
     */
    public static AdConfig clean(long seed, long impressions) {
        return new AdConfig(seed, impressions, 20, 2_000, DEFAULT_START_MS, 10.0, 0.08, 0.03, 0.002, 0.0, 5_000,
                0.0, 120_000, 600_000, 0.0, 0.0);
    }

    /**
     * The usual dirt of a real stream on top of {@link #clean}: 10% out of order (at most 5 s), 1% late (2–10 min),
     * 2% duplicated, 0.5% poison.
     */
    public static AdConfig dirty(long seed, long impressions) {
        return clean(seed, impressions).withDirt(0.10, 0.01, 0.02, 0.005);
    }

    public AdConfig withDirt(double outOfOrder, double late, double duplicates, double poison) {
        return new AdConfig(seed, impressions, campaigns, users, startMs, impressionsPerSecond, clickRate,
                slowClickRate, orphanClickRate, outOfOrder, maxOutOfOrderMs, late, lateMinMs, lateMaxMs, duplicates,
                poison);
    }

    public AdConfig withCampaigns(int count) {
        return new AdConfig(seed, impressions, count, users, startMs, impressionsPerSecond, clickRate, slowClickRate,
                orphanClickRate, outOfOrderRate, maxOutOfOrderMs, lateRate, lateMinMs, lateMaxMs, duplicateRate,
                poisonRate);
    }

    public AdConfig withUsers(int count) {
        return new AdConfig(seed, impressions, campaigns, count, startMs, impressionsPerSecond, clickRate,
                slowClickRate, orphanClickRate, outOfOrderRate, maxOutOfOrderMs, lateRate, lateMinMs, lateMaxMs,
                duplicateRate, poisonRate);
    }

    public AdConfig withRate(double perSecond) {
        return new AdConfig(seed, impressions, campaigns, users, startMs, perSecond, clickRate, slowClickRate,
                orphanClickRate, outOfOrderRate, maxOutOfOrderMs, lateRate, lateMinMs, lateMaxMs, duplicateRate,
                poisonRate);
    }

    public AdConfig withStart(long epochMs) {
        return new AdConfig(seed, impressions, campaigns, users, epochMs, impressionsPerSecond, clickRate,
                slowClickRate, orphanClickRate, outOfOrderRate, maxOutOfOrderMs, lateRate, lateMinMs, lateMaxMs,
                duplicateRate, poisonRate);
    }

    public AdConfig withLateness(long maxOutOfOrder, long lateMin, long lateMax) {
        return new AdConfig(seed, impressions, campaigns, users, startMs, impressionsPerSecond, clickRate,
                slowClickRate, orphanClickRate, outOfOrderRate, maxOutOfOrder, lateRate, lateMin, lateMax,
                duplicateRate, poisonRate);
    }

    public AdConfig withClicks(double clicks, double slowClicks, double orphanClicks) {
        return new AdConfig(seed, impressions, campaigns, users, startMs, impressionsPerSecond, clicks, slowClicks,
                orphanClicks, outOfOrderRate, maxOutOfOrderMs, lateRate, lateMinMs, lateMaxMs, duplicateRate,
                poisonRate);
    }
}
