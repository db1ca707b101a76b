package dev.dataeng.p04.dag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Graph algorithms a scheduler needs: a topological order (which rejects cycles) and the downstream closure. */
public final class DagGraph {
    private DagGraph() {
    }

    /**
     * Every task after all of its upstream tasks. Among tasks that are ready at the same time, the one declared
     * first comes first, so the order is stable.
     *
     * @param taskIds  task ids in declaration order
     * @param upstream for each task id, the ids it depends on
     * @throws DagCycleException naming the tasks of one cycle, e.g. {@code a -> b -> c -> a}
     */
    public static List<String> topologicalOrder(List<String> taskIds, Map<String, Set<String>> upstream) {
        // BEGIN SOLUTION step 1
        Map<String, Integer> waitingFor = new HashMap<>();
        for (String id : taskIds) {
            waitingFor.put(id, upstream.getOrDefault(id, Set.of()).size());
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String id : taskIds) {
                if (!placed.contains(id) && waitingFor.get(id) == 0) {
                    placed.add(id);
                    order.add(id);
                    for (String other : taskIds) {
                        if (upstream.getOrDefault(other, Set.of()).contains(id)) {
                            waitingFor.merge(other, -1, Integer::sum);
                        }
                    }
                    progress = true;
                    break; // restart from the first declared task: keeps declaration order among ready tasks
                }
            }
        }
        if (order.size() < taskIds.size()) {
            throw new DagCycleException("cycle in DAG: " + String.join(" -> ", findCycle(taskIds, upstream, placed)));
        }
        return order;
        // END SOLUTION
    }

    /** {@code taskId} and every task that depends on it, directly or not, in topological order. */
    public static List<String> withDownstream(String taskId, List<String> topologicalOrder,
            Map<String, Set<String>> upstream) {
        // BEGIN SOLUTION step 1
        Set<String> affected = new LinkedHashSet<>();
        affected.add(taskId);
        for (String id : topologicalOrder) {
            for (String up : upstream.getOrDefault(id, Set.of())) {
                if (affected.contains(up)) {
                    affected.add(id);
                }
            }
        }
        return topologicalOrder.stream().filter(affected::contains).toList();
        // END SOLUTION
    }

    /** One cycle among the tasks that could not be placed, as a path that ends where it started. */
    private static List<String> findCycle(List<String> taskIds, Map<String, Set<String>> upstream, Set<String> placed) {
        String start = taskIds.stream().filter(id -> !placed.contains(id)).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        String current = start;
        // walk upstream through unplaced tasks: every unplaced task has an unplaced upstream, so this must loop
        while (!path.contains(current)) {
            path.add(current);
            current = upstream.get(current).stream().filter(id -> !placed.contains(id)).sorted().findFirst()
                    .orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        java.util.Collections.reverse(cycle); // upstream walk: reverse it to read in the direction of the edges
        cycle.add(cycle.get(0));
        return cycle;
    }
}
