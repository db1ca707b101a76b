package dev.dataeng.p06.graph;

import dev.dataeng.p06.project.ProjectError;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * dbt's graph selection: {@code model} selects the model, {@code model+} it and everything downstream,
 * {@code +model} it and everything upstream, {@code +model+} both; several selectors separated by spaces are a
 * union. An empty selection selects every model.
 */
public final class Selector {
    private Selector() {
    }

    public static Set<String> select(String expression, Dag dag) {
        // BEGIN SOLUTION: split on spaces; '+x' adds dag.ancestors(x), 'x+' adds dag.descendants(x); unknown name -> ProjectError; keep dag.order()
        if (expression == null || expression.isBlank()) {
            return new LinkedHashSet<>(dag.order());
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : expression.trim().split("[\\s,]+")) {
            boolean upstream = part.startsWith("+");
            boolean downstream = part.endsWith("+");
            String name = part.substring(upstream ? 1 : 0, part.length() - (downstream ? 1 : 0));
            if (!dag.nodes().contains(name)) {
                throw new ProjectError("--select '" + part + "': no model named '" + name + "'"
                        + suggestion(name, dag));
            }
            chosen.add(name);
            if (upstream) {
                chosen.addAll(dag.ancestors(name));
            }
            if (downstream) {
                chosen.addAll(dag.descendants(name));
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        dag.order().stream().filter(chosen::contains).forEach(ordered::add);
        return ordered;
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
