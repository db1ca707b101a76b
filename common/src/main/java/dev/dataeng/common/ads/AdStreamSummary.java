package dev.dataeng.common.ads;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Counts of one pass over a generated stream, for exact assertions: {@code records = events + poison},
 * {@code events = unique + duplicates}.
 */
public record AdStreamSummary(long records, long uniqueEvents, long duplicates, long impressions, long clicks,
        Map<Arrival, Long> byArrival, Map<PoisonKind, Long> poisonByKind, long firstEventTimeMs,
        long lastEventTimeMs) {

    public long poison() {
        return poisonByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public long events() {
        return uniqueEvents + duplicates;
    }

    static AdStreamSummary of(Iterator<AdRecord> records) {
        long count = 0;
        long unique = 0;
        long duplicates = 0;
        long impressions = 0;
        long clicks = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<Arrival, Long> byArrival = new EnumMap<>(Arrival.class);
        Map<PoisonKind, Long> poison = new EnumMap<>(PoisonKind.class);
        for (Arrival a : Arrival.values()) {
            byArrival.put(a, 0L);
        }
        for (PoisonKind k : PoisonKind.values()) {
            poison.put(k, 0L);
        }
        while (records.hasNext()) {
            AdRecord r = records.next();
            count++;
            if (r instanceof AdRecord.Poison p) {
                poison.merge(p.kind(), 1L, Long::sum);
                continue;
            }
            AdRecord.Event e = (AdRecord.Event) r;
            byArrival.merge(e.arrival(), 1L, Long::sum);
            if (e.arrival() == Arrival.DUPLICATE) {
                duplicates++;
                continue;
            }
            unique++;
            if (e.event().type() == EventType.IMPRESSION) {
                impressions++;
            } else {
                clicks++;
            }
            first = Math.min(first, e.event().eventTimeMs());
            last = Math.max(last, e.event().eventTimeMs());
        }
        return new AdStreamSummary(count, unique, duplicates, impressions, clicks, Map.copyOf(byArrival),
                Map.copyOf(poison), first, last);
    }
}
