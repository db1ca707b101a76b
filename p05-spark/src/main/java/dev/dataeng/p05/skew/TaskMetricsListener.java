package dev.dataeng.p05.skew;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Collects per-task metrics (the same numbers as the Stages tab of the Spark UI) so skew can be measured: a skewed
 * stage has one task that runs and reads far more than the median task.
 */
public final class TaskMetricsListener extends SparkListener {
    private final List<TaskRecord> tasks = new ArrayList<>();
    private int jobsStarted;

    public static TaskMetricsListener attach(SparkContext sc) {
        TaskMetricsListener listener = new TaskMetricsListener();
        sc.addSparkListener(listener);
        return listener;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() == null || !end.taskInfo().successful()) {
            return;
        }
        tasks.add(new TaskRecord(end.stageId(), end.taskInfo().duration(),
                end.taskMetrics().shuffleReadMetrics().recordsRead()));
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        jobsStarted++;
    }

    /**
     * Listener events are delivered asynchronously; wait (bounded) until every event posted so far has been seen.
     * {@code listenerBus} is Spark-internal API (public in bytecode): Spark's own test suites wait the same way.
     */
    public static void drain(SparkContext sc) {
        try {
            sc.listenerBus().waitUntilEmpty(30_000);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark listener events not delivered within 30 s", e);
        }
    }

    public synchronized List<TaskRecord> tasks() {
        return List.copyOf(tasks);
    }

    public synchronized int jobsStarted() {
        return jobsStarted;
    }

    public synchronized void reset() {
        tasks.clear();
        jobsStarted = 0;
    }

    public void detach(SparkContext sc) {
        sc.removeSparkListener(this);
    }
}
