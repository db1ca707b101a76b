package dev.dataeng.p04.store;

/** Airflow's DAG run states. */
public enum DagRunState {
    QUEUED, RUNNING, SUCCESS, FAILED;

    public boolean isFinished() {
        return this == SUCCESS || this == FAILED;
    }
}
