package dev.dataeng.p09;

import dev.dataeng.common.ads.AdEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain-Java expectations for windowed counts with late data, computed from the events in arrival order: which
 * events are on time, late but accepted, too late, and each window's final count. Written from the engines'
 * documented rules, not from their code:
 * <ul>
 *   <li>Flink: the watermark a record meets is {@code max event time of the records before it - bound - 1}; a record
 *       is late when its window's last millisecond ({@code end - 1}) is at or before the watermark, too late when
 *       {@code end - 1 + allowed lateness} is.</li>
 *   <li>Kafka Streams: stream time is the largest timestamp seen so far (this record included); a record is late when
 *       its window's end is at or before stream time, too late when {@code end + grace} is.</li>
 * </ul>
 */
final class LatenessOracle {
    enum Engine { FLINK, KAFKA_STREAMS }

    final Set<String> onTime = new LinkedHashSet<>();
    final Set<String> lateAccepted = new LinkedHashSet<>();
    final Set<String> tooLate = new LinkedHashSet<>();
    /** campaign@windowStart -> events accepted into it. */
    final Map<String, Long> finalCounts = new HashMap<>();
    /**
     * campaign@windowStart of the windows with at least one on-time event. A window without one first fires for a
     * late event (Flink: its first result is then a late firing, not an on-time one).
     */
    final Set<String> windowsWithOnTimeEvents = new LinkedHashSet<>();

    LatenessOracle(List<AdEvent> arrivalOrder, Engine engine, long windowMs, long boundMs, long allowedMs) {
        long max = Long.MIN_VALUE;
        for (AdEvent e : arrivalOrder) {
            long ts = e.eventTimeMs();
            long start = ts - Math.floorMod(ts, windowMs);
            long end = start + windowMs;
            boolean late;
            boolean dropped;
            if (engine == Engine.FLINK) {
                long watermark = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - boundMs - 1;
                late = end - 1 <= watermark;
                dropped = end - 1 + allowedMs <= watermark;
                max = Math.max(max, ts);
            } else {
                max = Math.max(max, ts);
                late = end <= max;
                dropped = end + allowedMs <= max;
            }
            if (dropped) {
                tooLate.add(e.eventId());
            } else {
                (late ? lateAccepted : onTime).add(e.eventId());
                finalCounts.merge(e.campaignId() + "@" + start, 1L, Long::sum);
                if (!late) {
                    windowsWithOnTimeEvents.add(e.campaignId() + "@" + start);
                }
            }
        }
    }

    List<String> summary() {
        return new ArrayList<>(List.of("on time " + onTime.size(), "late accepted " + lateAccepted.size(),
                "too late " + tooLate.size()));
    }
}
