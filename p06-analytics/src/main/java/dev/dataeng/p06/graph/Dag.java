package dev.dataeng.p06.graph;

import dev.dataeng.p06.project.ProjectError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency graph of models: an edge {@code parent -> child} for every {@code ref('parent')} in the child.
 * Built only if it has no cycle; iteration orders are deterministic (ties broken by name).
 */
public final class Dag {
    private final Map<String, Set<String>> parents;
    private final Map<String, Set<String>> children;
    private final List<String> order;

    private Dag(Map<String, Set<String>> parents, Map<String, Set<String>> children, List<String> order) {
        this.parents = parents;
        this.children = children;
        this.order = order;
    }

    /**
     * The graph of {@code parentsByNode} (every node, each with the nodes it depends on; every parent must be a
     * node). Throws a {@link ProjectError} naming the models of a cycle, e.g. {@code a -> b -> a}.
     */
    public static Dag of(Map<String, Set<String>> parentsByNode) {
        Map<String, Set<String>> parents = new TreeMap<>();
        Map<String, Set<String>> children = new TreeMap<>();
        parentsByNode.forEach((node, ps) -> {
            parents.put(node, new TreeSet<>(ps));
            children.computeIfAbsent(node, k -> new TreeSet<>());
            for (String p : ps) {
                if (!parentsByNode.containsKey(p)) {
                    throw new IllegalArgumentException(node + " depends on unknown node " + p);
                }
                children.computeIfAbsent(p, k -> new TreeSet<>()).add(node);
            }
        });
        return new Dag(parents, children, topologicalOrder(parents, children));
    }

    /** Kahn's algorithm: repeatedly take a node whose parents are all taken; what is left is on a cycle. */
    private static List<String> topologicalOrder(Map<String, Set<String>> parents, Map<String, Set<String>> children) {
        // BEGIN SOLUTION step 3: Kahn's algorithm: take nodes whose parents are all taken (ties by name); leftovers are a cycle: report cycle(parents, left)
        Map<String, Integer> waiting = new HashMap<>();
        TreeSet<String> ready = new TreeSet<>();
        parents.forEach((node, ps) -> {
            waiting.put(node, ps.size());
            if (ps.isEmpty()) {
                ready.add(node);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String node = ready.pollFirst();
            order.add(node);
            for (String child : children.get(node)) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() < parents.size()) {
            Set<String> left = new TreeSet<>(parents.keySet());
            order.forEach(left::remove);
            throw new ProjectError("dependency cycle: " + String.join(" -> ", cycle(parents, left))
                    + " (a model cannot depend on itself, directly or through other models)");
        }
        return Collections.unmodifiableList(order);
        // END SOLUTION
    }

    /** One cycle among {@code left} (nodes Kahn could not order), as a path that ends where it starts. */
    private static List<String> cycle(Map<String, Set<String>> parents, Set<String> left) {
        // Walk parent links inside the unordered part until a node repeats: every such node has a parent there.
        List<String> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String node = left.iterator().next();
        while (seen.add(node)) {
            path.add(node);
            node = parents.get(node).stream().filter(left::contains).findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        Collections.reverse(loop); // parent links walk upstream; show it in the direction data flows
        loop.add(loop.get(0));
        return loop;
    }

    /** Every node, each after all the nodes it depends on. */
    public List<String> order() {
        return order;
    }

    public Set<String> nodes() {
        return Collections.unmodifiableSet(parents.keySet());
    }

    public Set<String> parents(String node) {
        return Collections.unmodifiableSet(parents.getOrDefault(node, Set.of()));
    }

    public Set<String> children(String node) {
        return Collections.unmodifiableSet(children.getOrDefault(node, Set.of()));
    }

    /** Everything that depends on {@code node}, directly or not. */
    public Set<String> descendants(String node) {
        return reach(node, children);
    }

    /** Everything {@code node} depends on, directly or not. */
    public Set<String> ancestors(String node) {
        return reach(node, parents);
    }

    private static Set<String> reach(String start, Map<String, Set<String>> links) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(links.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (out.add(n)) {
                todo.addAll(links.getOrDefault(n, Set.of()));
            }
        }
        return out;
    }
}
