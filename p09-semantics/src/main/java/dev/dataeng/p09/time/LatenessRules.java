package dev.dataeng.p09.time;

import java.time.Duration;

/**
 * The event-time rules of a windowed count.
 *
 * @param window          tumbling window size
 * @param outOfOrderness  how far behind the newest event an event may arrive and still be on time (watermark bound)
 * @param allowedLateness how long after the watermark passed a window's end a late event still updates it (Flink's
 *                        allowed lateness, Kafka Streams' grace)
 * @param idleness        after this long without records a source split stops holding the watermark back; null for
 *                        none
 */
public record LatenessRules(Duration window, Duration outOfOrderness, Duration allowedLateness, Duration idleness)
        implements java.io.Serializable {
}
