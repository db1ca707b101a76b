package dev.dataeng.p09.crash;

import dev.dataeng.p09.delivery.DeliveryMode;
import dev.dataeng.p09.delivery.SpendLine;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the table a learner reads after the crash drills: what a mode's output holds, compared record by record
 * with what it should hold (each input event's line exactly once). {@code output = distinct + duplicates} and
 * {@code input = distinct + lost} always hold.
 *
 * @param wrongCost lines whose cost differs from the expected line of that event
 */
public record DeliveryTally(DeliveryMode mode, long input, long output, long distinct, long lost, long duplicates,
        long wrongCost, String kills) {

    public static DeliveryTally of(DeliveryMode mode, Map<String, SpendLine> expected, List<SpendLine> output,
            String kills) {
        Map<String, Integer> seen = new HashMap<>();
        long wrong = 0;
        for (SpendLine l : output) {
            seen.merge(l.eventId(), 1, Integer::sum);
            SpendLine want = expected.get(l.eventId());
            if (want == null || want.costMicros() != l.costMicros()) {
                wrong++;
            }
        }
        long distinct = seen.keySet().stream().filter(expected::containsKey).count();
        long duplicates = output.size() - seen.size();
        return new DeliveryTally(mode, expected.size(), output.size(), distinct, expected.size() - distinct,
                duplicates, wrong, kills);
    }

    public static String table(List<DeliveryTally> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %-16s | %6s | %6s | %6s | %10s | %s |%n", "mode", "input", "output",
                "lost", "duplicates", "kills (output written at each kill)"));
        sb.append("|------------------|--------|--------|--------|------------|--------------------------------------|\n");
        for (DeliveryTally t : rows) {
            sb.append(String.format(Locale.ROOT, "| %-16s | %6d | %6d | %6d | %10d | %s |%n", t.mode().label(),
                    t.input(), t.output(), t.lost(), t.duplicates(), t.kills()));
        }
        return sb.toString();
    }
}
