package dev.dataeng.p06.graph;

import dev.dataeng.p06.project.ProjectError;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * dbt's graph selection: {@code model} selects the model, {@code model+} it and everything downstream,
 * {@code +model} it and everything upstream, {@code +model+} both; several selectors separated by spaces are a
 * union, joined by a comma (no space) an intersection ({@code +a,+b}: the common ancestors of a and b), as in dbt.
 * An empty selection selects every model.
 */
public final class Selector {
    private Selector() {
    }

    public static Set<String> select(String expression, Dag dag) {
        // BEGIN SOLUTION step 4: split on spaces (union), each on commas (intersection) of selectOne(part); keep dag.order()
        if (expression == null || expression.isBlank()) {
            return new LinkedHashSet<>(dag.order());
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String union : expression.trim().split("\\s+")) {
            Set<String> both = null;
            for (String part : union.split(",", -1)) {
                Set<String> one = selectOne(part, dag);
                if (both == null) {
                    both = one;
                } else {
                    both.retainAll(one);
                }
            }
            chosen.addAll(both);
        }
        Set<String> ordered = new LinkedHashSet<>();
        dag.order().stream().filter(chosen::contains).forEach(ordered::add);
        return ordered;
        // END SOLUTION
    }

    /** One graph selector: {@code x}, {@code +x}, {@code x+} or {@code +x+}. */
    private static Set<String> selectOne(String part, Dag dag) {
        // BEGIN SOLUTION step 4: strip the '+'s; unknown name -> ProjectError with a suggestion; add ancestors / descendants
        boolean upstream = part.startsWith("+");
        String name = upstream ? part.substring(1) : part;
        boolean downstream = name.endsWith("+");
        name = downstream ? name.substring(0, name.length() - 1) : name;
        if (!dag.nodes().contains(name)) {
            throw new ProjectError("--select '" + part + "': no model named '" + name + "'" + suggestion(name, dag));
        }
        Set<String> one = new LinkedHashSet<>();
        one.add(name);
        if (upstream) {
            one.addAll(dag.ancestors(name));
        }
        if (downstream) {
            one.addAll(dag.descendants(name));
        }
        return one;
        // END SOLUTION
    }

    /** {@code "; did you mean stg_orders?"} for a near miss, or nothing. */
    public static String suggestion(String name, Dag dag) {
        return dag.nodes().stream().min(Comparator.comparingInt(n -> distance(n, name)))
                .filter(n -> distance(n, name) <= Math.max(2, name.length() / 4))
                .map(n -> "; did you mean '" + n + "'?").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
