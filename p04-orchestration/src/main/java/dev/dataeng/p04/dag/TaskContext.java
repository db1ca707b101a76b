package dev.dataeng.p04.dag;

import dev.dataeng.p04.schedule.DataInterval;
import dev.dataeng.p04.scheduler.Sleeper;
import dev.dataeng.p04.store.MetadataStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What a running task knows: Airflow's template context ({@code ds}, {@code logical_date},
 * {@code data_interval_start/end}, {@code ti.try_number}) plus {@code xcom_push/xcom_pull} and the task log.
 */
public final class TaskContext {
    private final String dagId;
    private final String runId;
    private final String taskId;
    private final DataInterval dataInterval;
    private final int tryNumber;
    private final MetadataStore store;
    private final Clock clock;
    private final Sleeper sleeper;

    public TaskContext(String dagId, String runId, String taskId, DataInterval dataInterval, int tryNumber,
            MetadataStore store, Clock clock, Sleeper sleeper) {
        this.dagId = dagId;
        this.runId = runId;
        this.taskId = taskId;
        this.dataInterval = dataInterval;
        this.tryNumber = tryNumber;
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public String dagId() {
        return dagId;
    }

    public String runId() {
        return runId;
    }

    public String taskId() {
        return taskId;
    }

    /** The start of the data interval: which slice of data this run is about (not when it runs). */
    public Instant logicalDate() {
        return dataInterval.start();
    }

    public DataInterval dataInterval() {
        return dataInterval;
    }

    /** Airflow's {@code {{ ds }}}: the logical date as a UTC day, e.g. 2025-01-03. */
    public LocalDate ds() {
        return LocalDate.ofInstant(dataInterval.start(), ZoneOffset.UTC);
    }

    /** 1 for the first try, 2 for the first retry, … */
    public int tryNumber() {
        return tryNumber;
    }

    public Clock clock() {
        return clock;
    }

    /** How the task waits (sensors): real sleeping in production, a fake clock in tests. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** A small value for downstream tasks of the same run (never data: a count, a path, a checksum). */
    public void xcomPush(String key, String value) {
        store.xcomPush(dagId, runId, taskId, key, value);
    }

    public Optional<String> xcomPull(String fromTaskId, String key) {
        return store.xcomPull(dagId, runId, fromTaskId, key);
    }

    /** A line in this try's log (stored in the metadata DB, shown by {@code runs --logs}). */
    public void log(String message) {
        store.log(dagId, runId, taskId, tryNumber, clock.instant(), message);
    }
}
