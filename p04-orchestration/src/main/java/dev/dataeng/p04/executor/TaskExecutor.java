package dev.dataeng.p04.executor;

import dev.dataeng.p04.dag.NonRetryableTaskException;
import dev.dataeng.p04.dag.Task;
import dev.dataeng.p04.dag.TaskContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one try of a task on a worker thread and waits for it at most the task's timeout: Airflow's executor plus
 * {@code execution_timeout}. A try that runs too long is interrupted and counts as a (retryable) failure.
 */
public final class TaskExecutor implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "task-worker-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task.action()} once; never throws, the outcome says how it went. */
    public TaskOutcome execute(Task task, TaskContext context) {
        // BEGIN SOLUTION step 7
        Future<?> attempt = workers.submit(() -> {
            task.action().execute(context);
            return null;
        });
        try {
            attempt.get(task.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return TaskOutcome.success();
        } catch (TimeoutException e) {
            attempt.cancel(true); // interrupts the worker: a well-behaved task stops at its next blocking call
            return TaskOutcome.failure("timed out after " + task.timeout(), true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return TaskOutcome.failure(why, !(cause instanceof NonRetryableTaskException));
        } catch (InterruptedException e) {
            attempt.cancel(true);
            Thread.currentThread().interrupt();
            return TaskOutcome.failure("interrupted: the executor is shutting down", true);
        }
        // END SOLUTION
    }

    /** Stops at once, interrupting running tries (what a killed process does to its threads). */
    public void shutdownNow() {
        workers.shutdownNow();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
