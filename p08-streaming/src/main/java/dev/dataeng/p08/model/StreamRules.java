package dev.dataeng.p08.model;

import java.time.Duration;

/** The problem's constants, the same for every engine (a different number here is a different answer). */
public final class StreamRules {
    /** Query 1: tumbling window. */
    public static final Duration MINUTE = Duration.ofMinutes(1);
    /** Query 2: sliding window size and slide. */
    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration SLIDE = Duration.ofMinutes(15);
    /** Query 5: a click is billed only if its impression was served at most this long before it. */
    public static final Duration JOIN_BOUND = Duration.ofMinutes(10);
    /** Query 6: a campaign with no impression for this long of event time raises an alert. */
    public static final Duration SILENCE = Duration.ofMinutes(5);
    /** Query 3: a user's session ends after this long of event time with no event of that user. */
    public static final Duration SESSION_GAP = Duration.ofMinutes(30);
    /**
     * How far behind the newest event an event may arrive and still count: the watermark's bound (Flink, Spark) and
     * the window grace (Kafka Streams). The generator's out-of-order events are at most 5 s behind; 10 s is margin.
     */
    public static final Duration MAX_OUT_OF_ORDER = Duration.ofSeconds(10);

    private StreamRules() {
    }
}
