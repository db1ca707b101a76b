package dev.dataeng.p08;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Arrival;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.p08.model.RateCard;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * The graded input: a seeded ad stream of about 80 minutes of event time (out of order up to 5 s, no late events,
 * no duplicates, no poison: those are p07's and p09's lessons), plus
 * <ul>
 *   <li>edge events: an impression at exactly 10:30:00.000 (a minute and a 15-minute boundary), a click exactly 10
 *   minutes after it (inside the join bound, bounds included) and a click 10 minutes and 1 ms after another
 *   impression (outside);</li>
 *   <li>a session merge (query 3): an impression 4 s out of order that bridges two sessions of one user;</li>
 *   <li>closing records (an impression and a click on it) per partition, 2 hours after the last event: they move every engine's event time
 *   past every window of the real events, so Kafka Streams (which has no end of input) closes them too. Results are
 *   compared on the windows of the real events ({@link #isRealWindow}); the closers' own windows are open in Kafka
 *   Streams and Spark at end of input and flushed by Flink's final watermark.</li>
 * </ul>
 */
public final class AdInput {
    public static final long SEED = 8L;
    public static final int PARTITIONS = 2;
    /** The user whose two sessions an out-of-order event merges (see {@link #sessionMerge}). */
    public static final String MERGE_USER = "u-merge";
    private static final long SESSION_GAP_MS = 30 * 60_000L;

    /** Partitions of the events topic; a closing impression is published to each. */
    public final int partitions;

    public final AdEventGenerator generator;
    /** In arrival order, as published. */
    public final List<AdRecord> records;
    /** Every event once: the truth the oracle computes from (closers included). */
    public final List<AdEvent> events;
    public final RateCard rateCard;
    public final long lastRealEventMs;

    private AdInput(AdConfig config, int partitions) {
        this.partitions = partitions;
        this.generator = new AdEventGenerator(config);
        List<AdRecord> list = new ArrayList<>(generator.records().toList());
        long start = config.startMs();
        long t0 = start + 30 * 60_000L; // 10:30:00.000
        list.add(event("imp-edge-1", EventType.IMPRESSION, "imp-edge-1", t0));
        list.add(event("clk-edge-1", EventType.CLICK, "imp-edge-1", t0 + 600_000L));
        list.add(event("imp-edge-2", EventType.IMPRESSION, "imp-edge-2", t0 + 60_000L));
        list.add(event("clk-edge-2", EventType.CLICK, "imp-edge-2", t0 + 60_000L + 600_001L));
        list.addAll(sessionMerge(start + 5 * 60_000L + 123));
        list.sort(Comparator.comparingLong(AdRecord::arrivalTimeMs)); // stable: the generator's order on ties
        this.lastRealEventMs = list.stream().mapToLong(r -> ((AdRecord.Event) r).event().eventTimeMs()).max()
                .orElseThrow();
        long close = lastRealEventMs + 2 * 3_600_000L;
        for (int p = 0; p < partitions; p++) {
            list.addAll(closers(p, close + p));
        }
        this.records = List.copyOf(list);
        this.events = records.stream().map(r -> ((AdRecord.Event) r).event()).toList();
        this.rateCard = RateCard.of(generator.campaigns());
    }

    /** About 2,400 impressions, 200 clicks over 80 minutes, 10% of events out of order by up to 5 s. */
    public static AdInput standard() {
        return of(SEED, PARTITIONS);
    }

    /**
     * The same shape of input from another seed. The seed goes through {@link GradingSeed}: under
     * {@code -Dgrading.seed=N} every test grades on data derived from N (and still differs per default seed).
     */
    public static AdInput of(long seed, int partitions) {
        return new AdInput(AdConfig.clean(GradingSeed.of(seed), 2_400).withRate(0.5).withUsers(300)
                .withDirt(0.10, 0.0, 0.0, 0.0), partitions);
    }

    /** The events of the real windows (the closing impressions left out). */
    public List<AdEvent> realEvents() {
        return events.stream().filter(e -> isRealWindow(e.eventTimeMs())).toList();
    }

    /** A window (or click, session, silence) of the real events, not one of the closing records'. */
    public boolean isRealWindow(long windowStartMs) {
        return windowStartMs <= lastRealEventMs;
    }

    public List<Campaign> campaigns() {
        return generator.campaigns();
    }

    /** Publishes the campaigns (compacted topic) and the events, in arrival order. */
    public void publish(String bootstrap, String eventsTopic) {
        AdPublisher.publish(bootstrap, eventsTopic, records.iterator());
    }

    private AdRecord event(String id, EventType type, String impressionId, long t) {
        return new AdRecord.Event(-1, t, new AdEvent(id, type, "cmp-0002", "u-1", impressionId, t), Arrival.ON_TIME);
    }

    /**
     * Query 3's merge, within the allowed disorder: user {@link #MERGE_USER} has an impression at {@code a} and one
     * at {@code a + 30 min + 2 s} (two sessions: the gap is over 30 minutes), then, 4 s out of order, one at
     * {@code a + 30 min - 2 s}, less than 30 minutes from both: the two sessions merge into one of three events.
     */
    private List<AdRecord> sessionMerge(long a) {
        long b = a + SESSION_GAP_MS + 2_000L;
        long bridge = a + SESSION_GAP_MS - 2_000L;
        return List.of(sessionEvent("imp-merge-1", a, a, Arrival.ON_TIME),
                sessionEvent("imp-merge-2", b, b, Arrival.ON_TIME),
                sessionEvent("imp-merge-3", bridge, b + 1, Arrival.OUT_OF_ORDER)); // arrives right after the later one
    }

    private AdRecord sessionEvent(String id, long eventTime, long arrival, Arrival how) {
        return new AdRecord.Event(-1, arrival, new AdEvent(id, EventType.IMPRESSION, "cmp-0002", MERGE_USER, id,
                eventTime), how);
    }

    /**
     * A closing impression and a click on it, whose campaign key and impression id both hash to partition {@code p}
     * (so they reach every task, also after Kafka Streams re-keys by impression id). The click matters: Kafka Streams
     * emits a left join's unmatched clicks when it processes a later click.
     */
    private List<AdRecord> closers(int p, long t) {
        String campaign = null;
        for (int i = 1; campaign == null; i++) {
            String c = AdEventGenerator.campaignId(i);
            if (partition(c) == p) {
                campaign = c;
            }
        }
        String impression = null;
        for (int i = 0; impression == null; i++) {
            String id = "imp-close-" + i;
            if (partition(id) == p) {
                impression = id;
            }
        }
        return List.of(
                new AdRecord.Event(-1, t, new AdEvent(impression, EventType.IMPRESSION, campaign, "u-1", impression, t),
                        Arrival.ON_TIME),
                new AdRecord.Event(-1, t, new AdEvent(impression.replace("imp-", "clk-"), EventType.CLICK, campaign,
                        "u-1", impression, t), Arrival.ON_TIME));
    }

    private int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
