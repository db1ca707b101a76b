package dev.dataeng.common.ads;

/**
 * One record of the ad server's output, in arrival order: an event (first delivery or duplicate) or poison.
 * {@code sequence} numbers the records 0, 1, 2, … in the order they arrive; {@code arrivalTimeMs} is when.
 */
public sealed interface AdRecord permits AdRecord.Event, AdRecord.Poison {

    long sequence();

    long arrivalTimeMs();

    /** A real event; {@code arrival} says whether it is on time, out of order, late or a duplicate delivery. */
    record Event(long sequence, long arrivalTimeMs, AdEvent event, Arrival arrival) implements AdRecord {
    }

    /**
     * A record to be rejected. {@code event} is the well-formed event for {@link PoisonKind#UNKNOWN_CAMPAIGN} and
     * {@link PoisonKind#FUTURE_EVENT_TIME}, null for {@link PoisonKind#UNDECODABLE}; {@code bytes} are the raw bytes
     * of an undecodable record, null otherwise (a chapter encodes the others its own way).
     */
    record Poison(long sequence, long arrivalTimeMs, PoisonKind kind, AdEvent event, byte[] bytes)
            implements AdRecord {
    }
}
