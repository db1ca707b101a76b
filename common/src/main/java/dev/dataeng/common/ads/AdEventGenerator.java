package dev.dataeng.common.ads;

import dev.dataeng.common.fooddelivery.Seeds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Seeded, deterministic generator of the ads platform's data: a campaign catalogue, its update history, and the ad
 * server's stream of impressions and clicks, in arrival order, with the dirt of a real stream on demand (events out
 * of order, late events, duplicate deliveries, poison records).
 *
 * <p>Everything about impression {@code n} (its time, campaign, user, its click, how and when each arrives, a poison
 * record beside it) is a pure function of (seed, n), so a test can recompute any expected value, and the same config
 * gives the same records in the same order. The stream is lazy: memory holds only the events still waiting for
 * their arrival time (minutes of the stream), so a benchmark can draw millions of records.
 *
 * <p>The generator knows the truth: {@link #uniqueEvents()} is every event exactly once; poison and duplicates are
 * labelled ({@link AdRecord.Poison}, {@link Arrival#DUPLICATE}). {@link Arrival#LATE} is the generator's label for a
 * long delay: whether an engine sees a given event as late depends on its watermark when the event arrives (an event
 * delayed past the end of the stream, say), so oracles of lateness work from arrival order, not from the label.
 */
public final class AdEventGenerator {

    /** Campaign ids are {@code cmp-0001} … ; events of a campaign that is not in the catalogue name this one. */
    public static final String UNKNOWN_CAMPAIGN_ID = "cmp-unknown";

    private static final long ONE_YEAR_MS = 365L * 24 * 3600 * 1000;
    private static final long MAX_DUPLICATE_DELAY_MS = 30_000;
    private static final String[] THEMES = {"Lunch deals", "Weekend feast", "Biryani week", "New on the menu",
            "Free delivery", "Late night cravings", "Healthy bowls", "Festive combos", "Family meal", "Chef's special"};

    private final AdConfig config;
    private final List<Campaign> campaigns;
    private final String[] campaignIds;
    private final double[] cumulativeWeight;
    private final long impressionPrefix;
    private final long garbagePrefix;
    private final Map<String, Long> arrivalPrefix = new java.util.HashMap<>();

    public AdEventGenerator(AdConfig config) {
        this.config = config;
        List<Campaign> list = new ArrayList<>();
        for (int i = 1; i <= config.campaigns(); i++) {
            list.add(campaign(i));
        }
        this.campaigns = Collections.unmodifiableList(list);
        this.campaignIds = list.stream().map(Campaign::campaignId).toArray(String[]::new);
        this.impressionPrefix = Seeds.prefix(config.seed(), "impression");
        this.garbagePrefix = Seeds.prefix(config.seed(), "garbage");
        for (String purpose : new String[] {"imp", "clk", "orphan"}) {
            arrivalPrefix.put(purpose, Seeds.prefix(config.seed(), "arrival-" + purpose));
        }
        this.cumulativeWeight = new double[config.campaigns()];
        double sum = 0;
        for (int i = 0; i < config.campaigns(); i++) {
            sum += 1.0 / Math.pow(i + 1, 0.7); // campaign 1 is the busiest: a hot key, as in real ad traffic
            cumulativeWeight[i] = sum;
        }
        for (int i = 0; i < cumulativeWeight.length; i++) {
            cumulativeWeight[i] /= sum;
        }
    }

    public AdConfig config() {
        return config;
    }

    /** The catalogue as created: version 1 of every campaign, in id order. */
    public List<Campaign> campaigns() {
        return campaigns;
    }

    public Map<String, Campaign> campaignsById() {
        Map<String, Campaign> byId = new LinkedHashMap<>();
        campaigns.forEach(c -> byId.put(c.campaignId(), c));
        return byId;
    }

    /** Campaign {@code i} (1-based), version 1, created a day before the stream starts. */
    public Campaign campaign(int i) {
        if (i < 1 || i > config.campaigns()) {
            throw new IllegalArgumentException("campaign index must be in 1.." + config.campaigns() + ", was " + i);
        }
        SplittableRandom r = random("campaign", i);
        long advertiser = 1 + r.nextInt(200);
        Pricing pricing = r.nextDouble() < 0.6 ? Pricing.CPC : Pricing.CPM;
        long cpcBid = (5 + r.nextInt(36)) * 500_000L; // 2.50 to 20.00 per click
        long cpmBid = (10 + r.nextInt(61)) * 5_000_000L; // 50 to 350 per 1,000 impressions
        long budget = (5 + r.nextInt(46)) * 100_000_000L; // 500 to 5,000 per day
        String name = THEMES[r.nextInt(THEMES.length)] + " #" + i;
        return new Campaign(campaignId(i), advertiser, name, pricing, pricing == Pricing.CPC ? cpcBid : cpmBid,
                budget, CampaignStatus.ACTIVE, 1, config.startMs() - 24 * 3600 * 1000L);
    }

    public static String campaignId(int i) {
        return String.format("cmp-%04d", i);
    }

    /**
     * Every version of every campaign, ordered by write time: version 1 of each (before the stream starts), then
     * {@code updatesPerCampaign} updates of each (a new budget, now and then a pause or a resume), spread over the
     * first hour of the stream and interleaved across campaigns. The last version of a campaign is its current state:
     * a consumer that applies them out of order per campaign ends with a wrong one.
     */
    public List<Campaign> campaignHistory(int updatesPerCampaign) {
        List<Campaign> all = new ArrayList<>(campaigns);
        for (Campaign first : campaigns) {
            SplittableRandom r = random("campaign-updates", Integer.parseInt(first.campaignId().substring(4)));
            Campaign current = first;
            long at = config.startMs();
            for (int u = 0; u < updatesPerCampaign; u++) {
                at += 1 + r.nextLong(3_600_000L / Math.max(1, updatesPerCampaign));
                long budget = (5 + r.nextInt(46)) * 100_000_000L;
                CampaignStatus status = r.nextDouble() < 0.2
                        ? (current.status() == CampaignStatus.ACTIVE ? CampaignStatus.PAUSED : CampaignStatus.ACTIVE)
                        : current.status();
                current = current.update(budget, status, at);
                all.add(current);
            }
        }
        all.sort(Comparator.comparingLong(Campaign::updatedAtMs).thenComparing(Campaign::campaignId));
        return all;
    }

    /** The ad server's output in arrival order: events (first deliveries and duplicates) and poison records. */
    public Stream<AdRecord> records() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new ArrivalIterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Every event exactly once (no duplicate delivery, no poison), in the order of first arrival: the truth. */
    public Stream<AdEvent> uniqueEvents() {
        return records().filter(r -> r instanceof AdRecord.Event e && e.arrival() != Arrival.DUPLICATE)
                .map(r -> ((AdRecord.Event) r).event());
    }

    /** Counts of one pass over {@link #records()}. */
    public AdStreamSummary summarize() {
        return AdStreamSummary.of(records().iterator());
    }

    private SplittableRandom random(String purpose, long index) {
        return new SplittableRandom(Seeds.mix(config.seed(), purpose, index));
    }

    private int pickCampaign(double u) {
        int lo = 0;
        int hi = cumulativeWeight.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeight[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo + 1;
    }

    private long baseTime(long n) {
        return config.startMs() + (long) Math.floor(n * 1000.0 / config.impressionsPerSecond());
    }

    /** A record waiting for its arrival time. */
    private record Pending(long arrivalMs, long eventTimeMs, String key, int copy, AdEvent event, Arrival arrival,
            PoisonKind poison, byte[] bytes) {
    }

    private static final Comparator<Pending> ARRIVAL_ORDER = (a, b) -> {
        int c = Long.compare(a.arrivalMs(), b.arrivalMs());
        if (c == 0) {
            c = Long.compare(a.eventTimeMs(), b.eventTimeMs());
        }
        if (c == 0) {
            c = a.key().compareTo(b.key());
        }
        return c != 0 ? c : Integer.compare(a.copy(), b.copy());
    };

    /** Walks the impressions in order and releases every record whose arrival time no later impression can precede. */
    private final class ArrivalIterator implements Iterator<AdRecord> {
        private final PriorityQueue<Pending> waiting = new PriorityQueue<>(ARRIVAL_ORDER);
        private final Deque<Pending> ready = new ArrayDeque<>();
        private long nextImpression;
        private long sequence;

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                if (nextImpression < config.impressions()) {
                    addImpression(nextImpression++);
                    long horizon = nextImpression < config.impressions() ? baseTime(nextImpression) : Long.MAX_VALUE;
                    while (!waiting.isEmpty() && waiting.peek().arrivalMs() < horizon) {
                        ready.add(waiting.poll());
                    }
                } else if (!waiting.isEmpty()) {
                    ready.add(waiting.poll());
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public AdRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Pending p = ready.poll();
            long seq = sequence++;
            if (p.poison() != null) {
                return new AdRecord.Poison(seq, p.arrivalMs(), p.poison(), p.event(), p.bytes());
            }
            return new AdRecord.Event(seq, p.arrivalMs(), p.event(), p.arrival());
        }

        private void addImpression(long n) {
            SplittableRandom r = new SplittableRandom(Seeds.mix(impressionPrefix, n));
            long base = baseTime(n);
            long span = baseTime(n + 1) - base;
            long t = base + (span > 0 ? r.nextLong(span) : 0);
            String campaign = campaignIds[pickCampaign(r.nextDouble()) - 1];
            String user = "u-" + (1 + r.nextInt(config.users()));
            String impressionId = "imp-" + n;
            double clickU = r.nextDouble();
            double slowU = r.nextDouble();
            long fastDelay = 1_000 + r.nextLong(539_001); // 1 s to 9 min
            long slowDelay = 600_001 + r.nextLong(600_000); // just over 10 min to 20 min
            double orphanU = r.nextDouble();
            long orphanDelay = r.nextLong(1_000);
            String orphanUser = "u-" + (1 + r.nextInt(config.users()));
            double poisonU = r.nextDouble();
            PoisonKind poisonKind = PoisonKind.values()[r.nextInt(PoisonKind.values().length)];

            arrive(new AdEvent(impressionId, EventType.IMPRESSION, campaign, user, impressionId, t), "imp", n);
            if (clickU < config.clickRate()) {
                long delay = slowU < config.slowClickRate() ? slowDelay : fastDelay;
                arrive(new AdEvent("clk-" + n, EventType.CLICK, campaign, user, impressionId, t + delay), "clk", n);
            }
            if (orphanU < config.orphanClickRate()) {
                arrive(new AdEvent("clk-orphan-" + n, EventType.CLICK, campaign, orphanUser, "imp-ghost-" + n,
                        t + orphanDelay), "orphan", n);
            }
            if (poisonU < config.poisonRate()) {
                AdEvent bad = switch (poisonKind) {
                    case UNDECODABLE -> null;
                    case UNKNOWN_CAMPAIGN -> new AdEvent("imp-badcampaign-" + n, EventType.IMPRESSION,
                            UNKNOWN_CAMPAIGN_ID, user, "imp-badcampaign-" + n, t);
                    case FUTURE_EVENT_TIME -> new AdEvent("imp-future-" + n, EventType.IMPRESSION, campaign, user,
                            "imp-future-" + n, t + ONE_YEAR_MS);
                };
                waiting.add(new Pending(t, t, "poison-" + n, 0, bad, null, poisonKind,
                        poisonKind == PoisonKind.UNDECODABLE ? garbage(n) : null));
            }
        }

        private byte[] garbage(long n) {
            SplittableRandom r = new SplittableRandom(Seeds.mix(garbagePrefix, n));
            byte[] garbage = new byte[5 + r.nextInt(36)];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) r.nextInt(256);
            }
            garbage[0] = (byte) 0xFF; // no wire format's magic byte, no JSON, no valid UTF-8
            return garbage;
        }

        /** Decides how an event arrives (on time, out of order, late; once or twice) and queues it. */
        private void arrive(AdEvent event, String purpose, long n) {
            SplittableRandom r = new SplittableRandom(Seeds.mix(arrivalPrefix.get(purpose), n));
            double u = r.nextDouble();
            long disorder = 1 + r.nextLong(config.maxOutOfOrderMs());
            long lateness = config.lateMinMs() + r.nextLong(config.lateMaxMs() - config.lateMinMs() + 1);
            double duplicateU = r.nextDouble();
            long duplicateDelay = 1 + r.nextLong(MAX_DUPLICATE_DELAY_MS);
            Arrival arrival;
            long delay;
            if (u < config.outOfOrderRate()) {
                arrival = Arrival.OUT_OF_ORDER;
                delay = disorder;
            } else if (u < config.outOfOrderRate() + config.lateRate()) {
                arrival = Arrival.LATE;
                delay = lateness;
            } else {
                arrival = Arrival.ON_TIME;
                delay = 0;
            }
            long at = event.eventTimeMs() + delay;
            waiting.add(new Pending(at, event.eventTimeMs(), event.eventId(), 0, event, arrival, null, null));
            if (duplicateU < config.duplicateRate()) {
                waiting.add(new Pending(at + duplicateDelay, event.eventTimeMs(), event.eventId(), 1, event,
                        Arrival.DUPLICATE, null, null));
            }
        }
    }

    /** The bytes of an undecodable record as text, for logs ({@code ff 3a …}). */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x ", b & 0xFF));
        }
        return sb.toString().trim();
    }
}
