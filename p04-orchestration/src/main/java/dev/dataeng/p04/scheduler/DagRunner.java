package dev.dataeng.p04.scheduler;

import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.dag.Task;
import dev.dataeng.p04.dag.TaskContext;
import dev.dataeng.p04.executor.TaskExecutor;
import dev.dataeng.p04.executor.TaskOutcome;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.MetadataStore;
import dev.dataeng.p04.store.TaskInstance;
import dev.dataeng.p04.store.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Drives one DAG run to its end: starts ready tasks (at most {@code maxActiveTasks} at once), records every try in
 * the metadata store, applies retries and upstream failures, and sets the run's final state. All decisions are in
 * {@link TaskRules}; this class is the loop and the bookkeeping.
 */
public final class DagRunner {
    private static final long POLL_MILLIS = 20;

    private final MetadataStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final TaskExecutor executor;
    private volatile boolean killed;
    private volatile ExecutorService slots;

    public DagRunner(MetadataStore store, Clock clock, Sleeper sleeper, TaskExecutor executor) {
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
        this.executor = executor;
    }

    private record Finished(String taskId, int tryNumber, TaskOutcome outcome) {
    }

    /** Runs {@code run} until every task is SUCCESS, FAILED or UPSTREAM_FAILED; returns the run's final state. */
    public DagRunState run(Dag dag, DagRun run) throws InterruptedException {
        if (killed) {
            return DagRunState.RUNNING; // a dead process starts nothing more
        }
        String dagId = dag.dagId();
        String runId = run.runId();
        store.ensureTaskInstances(dagId, runId, retriesByTask(dag, dag.topologicalOrder()));
        store.markRunRunning(dagId, runId, clock.instant());
        ExecutorService pool = Executors.newFixedThreadPool(dag.maxActiveTasks(), r -> {
            Thread t = new Thread(r, "slot-" + dagId);
            t.setDaemon(true);
            return t;
        });
        this.slots = pool;
        CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
        Set<String> running = new HashSet<>();
        try {
            while (!killed) {
                Map<String, TaskInstance> tis = store.taskInstances(dagId, runId);
                List<String> doomed = TaskRules.upstreamFailed(dag, tis);
                if (!doomed.isEmpty()) {
                    doomed.forEach(id -> store.setState(dagId, runId, id, TaskState.UPSTREAM_FAILED));
                    continue;
                }
                Instant now = clock.instant();
                for (String taskId : TaskRules.readyToRun(dag, tis, running, now)) {
                    if (running.size() >= dag.maxActiveTasks()) {
                        break; // the concurrency limit: the others wait for a free slot
                    }
                    TaskInstance started = store.startTry(dagId, runId, taskId, now);
                    TaskContext context = new TaskContext(dagId, runId, taskId, run.dataInterval(),
                            started.tryNumber(), store, clock, sleeper);
                    Task task = dag.task(taskId);
                    running.add(taskId);
                    done.submit(() -> new Finished(taskId, started.tryNumber(), executor.execute(task, context)));
                }
                if (running.isEmpty()) {
                    Optional<Instant> nextRetry = tis.values().stream()
                            .filter(ti -> ti.state() == TaskState.UP_FOR_RETRY).map(TaskInstance::nextRetryAt)
                            .min(Instant::compareTo);
                    if (nextRetry.isPresent()) {
                        sleeper.sleep(Duration.between(clock.instant(), nextRetry.get()));
                        continue;
                    }
                    return finish(dagId, runId, tis);
                }
                Future<Finished> next = done.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next == null || killed) {
                    continue;
                }
                Finished finished = getQuietly(next);
                running.remove(finished.taskId());
                record(dag, runId, finished);
            }
            return DagRunState.RUNNING; // killed: leaves the metadata as a crash would
        } finally {
            if (!killed) {
                pool.shutdownNow();
            }
        }
    }

    private void record(Dag dag, String runId, Finished finished) {
        Instant end = clock.instant();
        TaskInstance ti = store.taskInstance(dag.dagId(), runId, finished.taskId());
        Transition next = TaskRules.afterTry(ti, finished.outcome(), dag.task(finished.taskId()).retry(), end);
        if (finished.outcome().error() != null) {
            store.log(dag.dagId(), runId, finished.taskId(), finished.tryNumber(), end,
                    "try " + finished.tryNumber() + " failed: " + finished.outcome().error());
        }
        store.finishTry(dag.dagId(), runId, finished.taskId(), finished.tryNumber(), next.state(), end,
                next.nextRetryAt(), finished.outcome().error());
    }

    private DagRunState finish(String dagId, String runId, Map<String, TaskInstance> tis) {
        boolean allSucceeded = tis.values().stream().allMatch(ti -> ti.state() == TaskState.SUCCESS);
        DagRunState state = allSucceeded ? DagRunState.SUCCESS : DagRunState.FAILED;
        store.finishRun(dagId, runId, state, clock.instant());
        return state;
    }

    private static Finished getQuietly(Future<Finished> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("task slot failed unexpectedly", e.getCause());
        }
    }

    static Map<String, Integer> retriesByTask(Dag dag, List<String> taskIds) {
        Map<String, Integer> retries = new LinkedHashMap<>();
        taskIds.forEach(id -> retries.put(id, dag.task(id).retry().retries()));
        return retries;
    }

    /** Simulates {@code kill -9}: stops at once and writes nothing more, leaving RUNNING rows behind. */
    public void kill() {
        killed = true;
        ExecutorService pool = slots;
        if (pool != null) {
            pool.shutdownNow();
        }
        executor.shutdownNow();
    }
}
