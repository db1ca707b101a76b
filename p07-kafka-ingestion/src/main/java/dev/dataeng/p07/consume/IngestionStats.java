package dev.dataeng.p07.consume;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's books. {@code polled}: records handed out by poll. {@code consumed}: records whose outcome is
 * committed (offsets included): {@code consumed = persisted + deadLettered + duplicates}.
 */
public final class IngestionStats {
    final AtomicLong polled = new AtomicLong();
    final AtomicLong consumed = new AtomicLong();
    final AtomicLong persisted = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong flushes = new AtomicLong();
    final Map<String, AtomicLong> deadLetterReasons = new ConcurrentHashMap<>();

    /** A snapshot. */
    public record Counts(long polled, long consumed, long persisted, long deadLettered, long duplicates, long flushes,
            Map<String, Long> deadLetterReasons) {

        public boolean reconciles() {
            return consumed == persisted + deadLettered + duplicates;
        }

        public Counts plus(Counts o) {
            Map<String, Long> reasons = new TreeMap<>(deadLetterReasons);
            o.deadLetterReasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
            return new Counts(polled + o.polled, consumed + o.consumed, persisted + o.persisted,
                    deadLettered + o.deadLettered, duplicates + o.duplicates, flushes + o.flushes, reasons);
        }

        public static Counts zero() {
            return new Counts(0, 0, 0, 0, 0, 0, Map.of());
        }

        @Override
        public String toString() {
            return String.format("consumed %,d = persisted %,d + dead-lettered %,d + duplicates %,d%s (polled %,d, %d flushes)",
                    consumed, persisted, deadLettered, duplicates, deadLetterReasons.isEmpty() ? ""
                            : " dead letters by reason " + deadLetterReasons, polled, flushes);
        }
    }

    public Counts snapshot() {
        Map<String, Long> reasons = new TreeMap<>();
        deadLetterReasons.forEach((k, v) -> reasons.put(k, v.get()));
        return new Counts(polled.get(), consumed.get(), persisted.get(), deadLettered.get(), duplicates.get(),
                flushes.get(), reasons);
    }
}
