package dev.dataeng.p08;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.EnrichedClick;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.RateCard;
import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.UserSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected answers, computed in plain Java from the generator's events (each once, with its true event time):
 * no engine, no window API, just arithmetic on timestamps. Windows are aligned to the epoch (UTC): a minute window
 * is {@code [t - t mod 60 000, + 60 000)}, start included, end excluded.
 */
public final class Oracle {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long SLIDE = 900_000L;
    private static final long BOUND = 600_000L;
    private static final long SILENCE = 300_000L;
    private static final long SESSION_GAP = 1_800_000L;

    private Oracle() {
    }

    public static List<MinuteSpend> minuteSpend(List<AdEvent> events, RateCard card) {
        Map<String, long[]> acc = new TreeMap<>();
        for (AdEvent e : events) {
            long start = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), MINUTE);
            long[] a = acc.computeIfAbsent(e.campaignId() + "|" + start, k -> new long[3]);
            a[e.type() == EventType.IMPRESSION ? 0 : 1]++;
            a[2] += card.costMicros(e.campaignId(), e.type());
        }
        List<MinuteSpend> out = new ArrayList<>();
        acc.forEach((k, a) -> {
            String[] parts = k.split("\\|");
            out.add(new MinuteSpend(parts[0], Long.parseLong(parts[1]), a[0], a[1], a[2]));
        });
        return out;
    }

    public static List<HourlyCtr> hourlyCtr(List<AdEvent> events) {
        Map<String, long[]> acc = new TreeMap<>();
        for (AdEvent e : events) {
            long lastStart = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), SLIDE);
            for (long start = lastStart; start > e.eventTimeMs() - HOUR; start -= SLIDE) {
                long[] a = acc.computeIfAbsent(e.campaignId() + "|" + start, k -> new long[2]);
                a[e.type() == EventType.IMPRESSION ? 0 : 1]++;
            }
        }
        List<HourlyCtr> out = new ArrayList<>();
        acc.forEach((k, a) -> {
            String[] parts = k.split("\\|");
            out.add(new HourlyCtr(parts[0], Long.parseLong(parts[1]), a[0], a[1]));
        });
        return out;
    }

    /**
     * For each campaign, each impression followed by no impression of that campaign for more than 5 minutes (or by
     * none at all): an alert due 5 minutes after it.
     */
    public static List<SilenceAlert> silenceAlerts(List<AdEvent> events) {
        Map<String, List<Long>> times = new TreeMap<>();
        events.stream().filter(e -> e.type() == EventType.IMPRESSION)
                .forEach(e -> times.computeIfAbsent(e.campaignId(), k -> new ArrayList<>()).add(e.eventTimeMs()));
        List<SilenceAlert> out = new ArrayList<>();
        times.forEach((campaign, ts) -> {
            ts.sort(null);
            for (int i = 0; i < ts.size(); i++) {
                long t = ts.get(i);
                if (i == ts.size() - 1 || ts.get(i + 1) - t > SILENCE) {
                    out.add(new SilenceAlert(campaign, t, t + SILENCE));
                }
            }
        });
        return out;
    }

    /** Every click, matched to its impression if that was served in [click - 10 min, click], else flagged. */
    public static List<ClickVerdict> clickVerdicts(List<AdEvent> events) {
        Map<String, AdEvent> impressions = new HashMap<>();
        events.stream().filter(e -> e.type() == EventType.IMPRESSION).forEach(e -> impressions.put(e.impressionId(), e));
        List<ClickVerdict> out = new ArrayList<>();
        for (AdEvent c : events) {
            if (c.type() != EventType.CLICK) {
                continue;
            }
            AdEvent imp = impressions.get(c.impressionId());
            boolean inTime = imp != null && imp.eventTimeMs() <= c.eventTimeMs()
                    && imp.eventTimeMs() >= c.eventTimeMs() - BOUND;
            out.add(inTime
                    ? ClickVerdict.matched(c.eventId(), c.impressionId(), c.campaignId(), c.eventTimeMs(),
                            imp.eventTimeMs())
                    : ClickVerdict.unmatched(c.eventId(), c.impressionId(), c.campaignId(), c.eventTimeMs()));
        }
        out.sort(java.util.Comparator.comparing(ClickVerdict::clickId));
        return out;
    }

    /**
     * Query 3: per user, the events sorted by event time; a gap of more than 30 minutes between two consecutive
     * events ends a session. At exactly 30 minutes the engines differ (Flink's session window [first, last + 30 min)
     * ends before such an event, Kafka Streams' inactivity gap includes it): a question of the engine, not of the
     * problem, so the oracle refuses an input with such a gap.
     */
    public static List<UserSession> sessions(List<AdEvent> events) {
        Map<String, List<AdEvent>> byUser = new TreeMap<>();
        events.forEach(e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e));
        List<UserSession> out = new ArrayList<>();
        byUser.forEach((user, list) -> {
            list.sort(java.util.Comparator.comparingLong(AdEvent::eventTimeMs));
            long start = 0;
            long last = 0;
            long count = 0;
            long clicks = 0;
            for (AdEvent e : list) {
                long t = e.eventTimeMs();
                if (count > 0 && t - last == SESSION_GAP) {
                    throw new IllegalStateException("user " + user + " has two events exactly 30 minutes apart: "
                            + "the engines draw that boundary differently; the test input must avoid it");
                }
                if (count > 0 && t - last > SESSION_GAP) {
                    out.add(new UserSession(user, start, last, count, clicks));
                    count = 0;
                    clicks = 0;
                }
                if (count == 0) {
                    start = t;
                }
                last = t;
                count++;
                clicks += e.type() == EventType.CLICK ? 1 : 0;
            }
            out.add(new UserSession(user, start, last, count, clicks));
        });
        return out;
    }

    /**
     * Query 4 as of event time: each click with the version of its campaign valid at the click's event time (the
     * version with the latest {@code updatedAtMs} at or before it); a click of a campaign with no such version is
     * flagged unknown. What a versioned table (Kafka Streams) and a temporal join (Flink) answer.
     */
    public static List<EnrichedClick> enrichedAsOfClickTime(List<AdEvent> events, List<Campaign> history) {
        Map<String, List<Campaign>> versions = new HashMap<>();
        history.forEach(c -> versions.computeIfAbsent(c.campaignId(), k -> new ArrayList<>()).add(c));
        List<EnrichedClick> out = new ArrayList<>();
        for (AdEvent c : events) {
            if (c.type() == EventType.CLICK) {
                Campaign valid = null;
                for (Campaign v : versions.getOrDefault(c.campaignId(), List.of())) {
                    if (v.updatedAtMs() <= c.eventTimeMs() && (valid == null || v.updatedAtMs() > valid.updatedAtMs())) {
                        valid = v;
                    }
                }
                out.add(EnrichedClick.of(c, valid));
            }
        }
        return out;
    }

    /**
     * Query 4 with the latest version: each click with the last version of its campaign in {@code history}, whatever
     * the click's time. What a join with the table as read at the job's start answers (Spark's stream–static join).
     */
    public static List<EnrichedClick> enrichedWithLatest(List<AdEvent> events, List<Campaign> history) {
        Map<String, Campaign> latest = new HashMap<>();
        history.forEach(c -> latest.merge(c.campaignId(), c, (a, b) -> b.updatedAtMs() >= a.updatedAtMs() ? b : a));
        return events.stream().filter(e -> e.type() == EventType.CLICK)
                .map(c -> EnrichedClick.of(c, latest.get(c.campaignId()))).toList();
    }
}
