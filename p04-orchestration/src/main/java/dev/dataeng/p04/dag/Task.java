package dev.dataeng.p04.dag;

import java.time.Duration;
import java.util.Objects;

/**
 * One node of a DAG: Airflow's operator instance ({@code task_id}, {@code retries…}, {@code execution_timeout}).
 *
 * @param taskId  unique within its DAG
 * @param action  what it does
 * @param retry   retries and backoff
 * @param timeout a try running longer than this is stopped and counts as failed ({@code execution_timeout})
 */
public record Task(String taskId, TaskAction action, RetryPolicy retry, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    public Task {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeout, "timeout");
        if (!taskId.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("task id must be letters, digits, '_', '.', '-': '" + taskId + "'");
        }
    }

    public static Task of(String taskId, TaskAction action) {
        return new Task(taskId, action, RetryPolicy.NONE, DEFAULT_TIMEOUT);
    }

    public Task withRetry(RetryPolicy policy) {
        return new Task(taskId, action, policy, timeout);
    }

    public Task withTimeout(Duration executionTimeout) {
        return new Task(taskId, action, retry, executionTimeout);
    }
}
