package dev.dataeng.p04.scheduler;

import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.dag.RetryPolicy;
import dev.dataeng.p04.executor.TaskOutcome;
import dev.dataeng.p04.store.TaskInstance;
import dev.dataeng.p04.store.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scheduler's decisions, as pure functions of the task instances' states (easy to read, easy to test). */
public final class TaskRules {
    private TaskRules() {
    }

    /**
     * Tasks that may start now, in topological order: not running, every upstream task SUCCESS, and either never
     * tried ({@code NONE}) or {@code UP_FOR_RETRY} with its retry time reached.
     */
    public static List<String> readyToRun(Dag dag, Map<String, TaskInstance> instances, Set<String> running,
            Instant now) {
        // BEGIN SOLUTION step 5
        List<String> ready = new ArrayList<>();
        for (String taskId : dag.topologicalOrder()) {
            TaskInstance ti = instances.get(taskId);
            if (running.contains(taskId)) {
                continue;
            }
            boolean waiting = ti.state() == TaskState.NONE
                    || (ti.state() == TaskState.UP_FOR_RETRY && !ti.nextRetryAt().isAfter(now));
            boolean upstreamDone = dag.upstreamOf(taskId).stream()
                    .allMatch(up -> instances.get(up).state() == TaskState.SUCCESS);
            if (waiting && upstreamDone) {
                ready.add(taskId);
            }
        }
        return ready;
        // END SOLUTION
    }

    /**
     * Tasks that can never run because an upstream task is FAILED or UPSTREAM_FAILED. Only tasks still in state
     * {@code NONE}: the run loop marks what this returns and goes round again until it returns nothing, so a task
     * already marked {@code UPSTREAM_FAILED} returned again would make the run loop forever.
     */
    public static List<String> upstreamFailed(Dag dag, Map<String, TaskInstance> instances) {
        // BEGIN SOLUTION step 5
        List<String> doomed = new ArrayList<>();
        for (String taskId : dag.topologicalOrder()) {
            if (instances.get(taskId).state() != TaskState.NONE) {
                continue;
            }
            boolean blocked = dag.upstreamOf(taskId).stream().map(up -> instances.get(up).state())
                    .anyMatch(s -> s == TaskState.FAILED || s == TaskState.UPSTREAM_FAILED);
            if (blocked) {
                doomed.add(taskId);
            }
        }
        return doomed;
        // END SOLUTION
    }

    /**
     * After try {@code ti.tryNumber()} ended at {@code end}: SUCCESS; or UP_FOR_RETRY at
     * {@code end + delayAfterTry(tryNumber)} if the failure is retryable and {@code tryNumber <= maxTries};
     * else FAILED.
     */
    public static Transition afterTry(TaskInstance ti, TaskOutcome outcome, RetryPolicy retry, Instant end) {
        // BEGIN SOLUTION step 5
        if (outcome.succeeded()) {
            return new Transition(TaskState.SUCCESS, null);
        }
        if (outcome.retryable() && ti.tryNumber() <= ti.maxTries()) {
            return new Transition(TaskState.UP_FOR_RETRY, end.plus(retry.delayAfterTry(ti.tryNumber())));
        }
        return new Transition(TaskState.FAILED, null);
        // END SOLUTION
    }
}
