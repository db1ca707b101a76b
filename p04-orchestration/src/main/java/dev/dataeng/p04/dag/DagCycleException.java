package dev.dataeng.p04.dag;

/** A DAG whose dependencies loop back on themselves: rejected when the DAG is built, before anything runs. */
public class DagCycleException extends IllegalArgumentException {
    public DagCycleException(String message) {
        super(message);
    }
}
