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
 *   <li>Spark: the input is read in micro-batches; at the end of each the watermark becomes {@code max event time
 *       seen - delay} (0 before), and a batch runs with the watermark the batches before it set. A windowed
 *       aggregation drops a row when its window's end is at or before the watermark <em>the previous batch ran
 *       with</em> (SPARK-40925, Spark 3.4+: late rows are filtered with the previous batch's watermark, state is
 *       evicted with the current one, so that chained stateful operators do not drop each other's output). Spark has
 *       no allowed lateness: a row is accepted (on time) or dropped (too late).</li>
 * </ul>
 */
final class LatenessOracle {
    enum Engine { FLINK, KAFKA_STREAMS, SPARK }

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
        this(arrivalOrder, engine, windowMs, boundMs, allowedMs, 0);
    }

    /** Spark's rule, for the input read in micro-batches of {@code batchSize} events in arrival order. */
    static LatenessOracle spark(List<AdEvent> arrivalOrder, long windowMs, long delayMs, int batchSize) {
        return new LatenessOracle(arrivalOrder, Engine.SPARK, windowMs, delayMs, 0, batchSize);
    }

    private LatenessOracle(List<AdEvent> arrivalOrder, Engine engine, long windowMs, long boundMs, long allowedMs,
            int batchSize) {
        long max = Long.MIN_VALUE;
        long maxBeforeBatch = Long.MIN_VALUE; // Spark: what the batches before this one saw
        long maxBeforePreviousBatch = Long.MIN_VALUE; // … and before the previous one
        int index = 0;
        for (AdEvent e : arrivalOrder) {
            long ts = e.eventTimeMs();
            long start = ts - Math.floorMod(ts, windowMs);
            long end = start + windowMs;
            boolean late;
            boolean dropped;
            if (engine == Engine.SPARK) {
                if (index++ % batchSize == 0) {
                    maxBeforePreviousBatch = maxBeforeBatch;
                    maxBeforeBatch = max;
                }
                // the watermark the previous batch ran with: set from the batches before it
                long watermark = maxBeforePreviousBatch == Long.MIN_VALUE ? 0
                        : Math.max(0, maxBeforePreviousBatch - boundMs);
                late = false;
                dropped = end <= watermark;
                max = Math.max(max, ts);
            } else if (engine == Engine.FLINK) {
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
