package dev.dataeng.p04.store;

import java.time.Instant;

/** A row of {@code task_try}: one try of a task instance (Airflow keeps these in {@code task_instance_history}). */
public record TaskTry(String taskId, int tryNumber, TaskState state, Instant startDate, Instant endDate,
        String error) {
}
