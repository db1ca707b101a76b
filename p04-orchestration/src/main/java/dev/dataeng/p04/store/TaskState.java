package dev.dataeng.p04.store;

/**
 * Airflow's task instance states that this orchestrator uses. {@code NONE}: not started yet (or cleared);
 * {@code UP_FOR_RETRY}: failed, waits for its retry delay; {@code UPSTREAM_FAILED}: will not run because an
 * upstream task failed.
 */
public enum TaskState {
    NONE, RUNNING, SUCCESS, FAILED, UP_FOR_RETRY, UPSTREAM_FAILED;

    /** No transition out of it without a {@code clear}. */
    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED || this == UPSTREAM_FAILED;
    }

    public String airflowName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
