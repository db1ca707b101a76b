package dev.dataeng.p04.dag;

/** What a task does: Airflow's operator {@code execute(context)}. Throw to fail the try. */
@FunctionalInterface
public interface TaskAction {
    void execute(TaskContext context) throws Exception;
}
