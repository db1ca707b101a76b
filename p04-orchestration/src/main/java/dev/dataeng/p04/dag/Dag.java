package dev.dataeng.p04.dag;

import dev.dataeng.p04.schedule.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DAG declared in Java: Airflow's {@code with DAG(dag_id, schedule, start_date, end_date, catchup,
 * max_active_tasks)} and the {@code a >> b} dependencies. Built once, validated (known ids, no cycle), immutable.
 */
public final class Dag {
    private final String dagId;
    private final Schedule schedule;
    private final Instant startDate;
    private final Instant endDate;
    private final boolean catchup;
    private final int maxActiveTasks;
    private final Map<String, Task> tasks;
    private final Map<String, Set<String>> upstream;
    private final List<String> order;

    private Dag(Builder b) {
        this.dagId = b.dagId;
        this.schedule = b.schedule;
        this.startDate = b.startDate;
        this.endDate = b.endDate;
        this.catchup = b.catchup;
        this.maxActiveTasks = b.maxActiveTasks;
        this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(b.tasks));
        Map<String, Set<String>> up = new LinkedHashMap<>();
        b.tasks.keySet().forEach(id -> up.put(id, Collections.unmodifiableSet(b.upstream.get(id))));
        this.upstream = Collections.unmodifiableMap(up);
        this.order = List.copyOf(DagGraph.topologicalOrder(new ArrayList<>(tasks.keySet()), upstream));
    }

    public static Builder builder(String dagId) {
        return new Builder(dagId);
    }

    public String dagId() {
        return dagId;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Instant startDate() {
        return startDate;
    }

    public Optional<Instant> endDate() {
        return Optional.ofNullable(endDate);
    }

    public boolean catchup() {
        return catchup;
    }

    public int maxActiveTasks() {
        return maxActiveTasks;
    }

    public Task task(String taskId) {
        Task task = tasks.get(taskId);
        if (task == null) {
            throw new IllegalArgumentException("DAG '" + dagId + "' has no task '" + taskId + "'; tasks: " + order);
        }
        return task;
    }

    /** Task ids, every task after its upstream tasks. */
    public List<String> topologicalOrder() {
        return order;
    }

    public Set<String> upstreamOf(String taskId) {
        task(taskId);
        return upstream.get(taskId);
    }

    public Map<String, Set<String>> upstream() {
        return upstream;
    }

    /** The task and everything downstream of it: what {@code clear --downstream} resets. */
    public List<String> withDownstream(String taskId) {
        task(taskId);
        return DagGraph.withDownstream(taskId, order, upstream);
    }

    /** Builds a {@link Dag}; {@link #build()} validates it. */
    public static final class Builder {
        private final String dagId;
        private Schedule schedule;
        private Instant startDate;
        private Instant endDate;
        private boolean catchup = true;
        private int maxActiveTasks = 4;
        private final Map<String, Task> tasks = new LinkedHashMap<>();
        private final Map<String, Set<String>> upstream = new LinkedHashMap<>();

        private Builder(String dagId) {
            if (dagId == null || !dagId.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("dag id must be letters, digits, '_', '.', '-': '" + dagId + "'");
            }
            this.dagId = dagId;
        }

        public Builder schedule(Schedule value) {
            this.schedule = value;
            return this;
        }

        public Builder startDate(Instant value) {
            this.startDate = value;
            return this;
        }

        public Builder endDate(Instant value) {
            this.endDate = value;
            return this;
        }

        public Builder catchup(boolean value) {
            this.catchup = value;
            return this;
        }

        public Builder maxActiveTasks(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxActiveTasks must be >= 1, was " + value);
            }
            this.maxActiveTasks = value;
            return this;
        }

        public Builder task(Task task) {
            if (tasks.putIfAbsent(task.taskId(), task) != null) {
                throw new IllegalArgumentException("DAG '" + dagId + "' declares task '" + task.taskId() + "' twice");
            }
            upstream.put(task.taskId(), new LinkedHashSet<>());
            return this;
        }

        /** {@code upstreamId >> downstreamId}: the downstream task runs only after the upstream one succeeded. */
        public Builder dependency(String upstreamId, String downstreamId) {
            for (String id : List.of(upstreamId, downstreamId)) {
                if (!tasks.containsKey(id)) {
                    throw new IllegalArgumentException("dependency " + upstreamId + " >> " + downstreamId
                            + " names unknown task '" + id + "'; declare it with task(...) first");
                }
            }
            upstream.get(downstreamId).add(upstreamId);
            return this;
        }

        /** {@code a >> b >> c}. */
        public Builder chain(String... taskIds) {
            for (int i = 1; i < taskIds.length; i++) {
                dependency(taskIds[i - 1], taskIds[i]);
            }
            return this;
        }

        public Dag build() {
            if (schedule == null || startDate == null) {
                throw new IllegalArgumentException("DAG '" + dagId + "' needs a schedule and a start date");
            }
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("DAG '" + dagId + "' has no task");
            }
            return new Dag(this);
        }
    }
}
