package dev.dataeng.p08.kstreams;

/**
 * When a windowed Kafka Streams aggregation writes to its output topic: every update of a window (a KTable's
 * changelog: the last record per window is the answer), or one final record per window once stream time has passed
 * the window's end plus its grace ({@code suppress(untilWindowCloses)}).
 */
public enum Emission {
    UPDATES, FINAL
}
