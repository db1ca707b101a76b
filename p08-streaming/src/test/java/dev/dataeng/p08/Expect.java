package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Compares an engine's rows with the oracle's, and says what differs in words a learner can act on. */
public final class Expect {
    private Expect() {
    }

    /**
     * The rows must be the same set, one per key. Reports how many are missing, extra or different, with examples,
     * and the hint of where to look.
     */
    public static <T> void sameRows(String what, Collection<T> expected, Collection<T> actual,
            Function<T, String> key, String hint) {
        Map<String, T> exp = index(expected, key, what + " (oracle)");
        if (exp.isEmpty()) {
            throw new IllegalStateException(what + ": the oracle has no rows; the test input is wrong");
        }
        Map<String, List<T>> act = new HashMap<>();
        for (T t : actual) {
            act.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        }
        List<String> problems = new ArrayList<>();
        int missing = 0;
        int different = 0;
        int extra = 0;
        int repeated = 0;
        for (Map.Entry<String, T> e : exp.entrySet()) {
            List<T> got = act.get(e.getKey());
            if (got == null) {
                if (missing++ < 3) {
                    problems.add("missing   " + e.getValue());
                }
            } else if (got.size() > 1) {
                if (repeated++ < 3) {
                    problems.add("repeated  " + got.size() + " rows for " + e.getKey() + ": " + got);
                }
            } else if (!got.get(0).equals(e.getValue())) {
                if (different++ < 3) {
                    problems.add("expected  " + e.getValue() + "\n    found     " + got.get(0));
                }
            }
        }
        for (Map.Entry<String, List<T>> e : act.entrySet()) {
            if (!exp.containsKey(e.getKey()) && extra++ < 3) {
                problems.add("extra     " + e.getValue().get(0));
            }
        }
        if (missing + different + extra + repeated > 0) {
            fail(what + ": expected " + exp.size() + " rows (computed in plain Java from the generator's events), found "
                    + actual.size() + " — " + missing + " missing, " + extra + " extra, " + different + " different, "
                    + repeated + " repeated.\n    " + String.join("\n    ", problems) + "\n  Hint: " + hint);
        }
    }

    private static <T> Map<String, T> index(Collection<T> rows, Function<T, String> key, String what) {
        Map<String, T> m = new HashMap<>();
        for (T t : rows) {
            if (m.put(key.apply(t), t) != null) {
                throw new IllegalStateException(what + " has two rows for " + key.apply(t));
            }
        }
        return m;
    }

    public static <T> List<T> sorted(Collection<T> rows, Function<T, String> key) {
        return rows.stream().sorted(Comparator.comparing(key)).toList();
    }
}
