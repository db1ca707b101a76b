package dev.dataeng.p04.scheduler;

import dev.dataeng.p04.store.TaskState;
import java.time.Instant;

/** The state a task instance moves to after a try, and when it may start again if that is UP_FOR_RETRY. */
public record Transition(TaskState state, Instant nextRetryAt) {
}
