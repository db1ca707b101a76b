package dev.dataeng.p04.store;

import java.time.Instant;

/**
 * A row of {@code task_instance}: one task in one DAG run.
 *
 * @param tryNumber   tries started so far (0 before the first)
 * @param maxTries    a failed try {@code n} is retried while {@code n <= maxTries} (Airflow's {@code max_tries})
 * @param nextRetryAt when an {@code UP_FOR_RETRY} task may start again, else null
 */
public record TaskInstance(String dagId, String runId, String taskId, TaskState state, int tryNumber, int maxTries,
        Instant startDate, Instant endDate, Instant nextRetryAt) {
}
