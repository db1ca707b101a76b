package dev.dataeng.p04.scheduler;

import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.executor.TaskExecutor;
import dev.dataeng.p04.executor.TaskOutcome;
import dev.dataeng.p04.schedule.DataInterval;
import dev.dataeng.p04.schedule.RunPlanner;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.MetadataStore;
import dev.dataeng.p04.store.RunType;
import dev.dataeng.p04.store.TaskInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Airflow's scheduler, one process per metadata database: creates DAG runs when their interval has ended
 * (catch-up), runs backfills, manual triggers and clears, and after a crash treats the tasks a dead scheduler left
 * RUNNING as failed tries (zombies) so they are retried, while every SUCCESS task stays done.
 */
public final class Scheduler implements AutoCloseable {
    private final DagBag dags;
    private final MetadataStore store;
    private final Clock clock;
    private final TaskExecutor executor = new TaskExecutor();
    private final DagRunner runner;
    private RunListener listener = RunListener.SILENT;

    public Scheduler(DagBag dags, MetadataStore store, Clock clock, Sleeper sleeper) {
        this.dags = dags;
        this.store = store;
        this.clock = clock;
        this.runner = new DagRunner(store, clock, sleeper, executor);
    }

    public Scheduler onRunFinished(RunListener value) {
        this.listener = value;
        return this;
    }

    public DagBag dags() {
        return dags;
    }

    public MetadataStore store() {
        return store;
    }

    /** Creates a QUEUED scheduled run for each due interval that has no run yet; returns the new runs. */
    public List<DagRun> createDueRuns(String dagId) {
        Dag dag = dags.get(dagId);
        List<DataInterval> due = RunPlanner.dueIntervals(dag.schedule(), dag.startDate(),
                dag.endDate().orElse(null), dag.catchup(), clock.instant());
        List<DagRun> created = new ArrayList<>();
        for (DataInterval interval : due) {
            if (store.findRun(dagId, interval.start()).isEmpty()) {
                created.add(store.createRunIfAbsent(dagId, RunType.SCHEDULED, interval));
            }
        }
        return created;
    }

    /**
     * Start-up after a crash: every task instance a dead scheduler left RUNNING is a zombie. Its try is recorded as
     * failed, and the retry policy decides: UP_FOR_RETRY (the run goes on from there) or FAILED.
     *
     * @return how many zombies were found
     */
    public int handleZombies(String dagId) {
        Dag dag = dags.get(dagId);
        List<TaskInstance> zombies = store.runningTaskInstances(dagId);
        // BEGIN SOLUTION step 10
        Instant now = clock.instant();
        for (TaskInstance zombie : zombies) {
            TaskOutcome lost = TaskOutcome.failure("zombie: the scheduler running this try died", true);
            Transition next = TaskRules.afterTry(zombie, lost, dag.task(zombie.taskId()).retry(), now);
            store.log(dagId, zombie.runId(), zombie.taskId(), zombie.tryNumber(), now, lost.error());
            store.finishTry(dagId, zombie.runId(), zombie.taskId(), zombie.tryNumber(), next.state(), now,
                    next.nextRetryAt(), lost.error());
        }
        return zombies.size();
        // END SOLUTION
    }

    /** Runs every QUEUED or RUNNING run of the DAG, oldest logical date first (Airflow's max_active_runs = 1). */
    public List<DagRun> runUnfinished(String dagId) throws InterruptedException {
        Dag dag = dags.get(dagId);
        List<DagRun> pending = store.unfinishedRuns(dagId);
        List<DagRun> finished = new ArrayList<>();
        for (DagRun run : pending) {
            runner.run(dag, run);
            DagRun after = store.run(dagId, run.runId());
            if (!after.state().isFinished()) {
                return finished; // killed
            }
            finished.add(after);
            listener.finished(after, finished.size(), pending.size());
        }
        return finished;
    }

    /**
     * One pass of the scheduler loop for every DAG: handle zombies, create the runs that are due, and run every
     * unfinished run. Run it again and nothing new happens until time moves on.
     */
    public List<DagRun> runOnce() throws InterruptedException {
        List<DagRun> finished = new ArrayList<>();
        for (Dag dag : dags.all()) {
            handleZombies(dag.dagId());
            createDueRuns(dag.dagId());
            finished.addAll(runUnfinished(dag.dagId()));
        }
        return finished;
    }

    /**
     * A manual run for the interval that starts on {@code date} (UTC midnight, aligned to the schedule), run now.
     * One run per logical date: if it already exists, use {@link #clear} to run it again.
     */
    public DagRun trigger(String dagId, LocalDate date) throws InterruptedException {
        Dag dag = dags.get(dagId);
        Instant start = dag.schedule().firstStartAtOrAfter(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        Optional<DagRun> existing = store.findRun(dagId, start);
        if (existing.isPresent()) {
            throw new IllegalStateException("a run of " + dagId + " already exists for " + date + " ("
                    + existing.get().runId() + ", " + existing.get().state().name().toLowerCase()
                    + "); use `clear` to run it again");
        }
        DagRun run = store.createRunIfAbsent(dagId, RunType.MANUAL, dag.schedule().intervalStartingAt(start));
        runner.run(dag, run);
        DagRun after = store.run(dagId, run.runId());
        listener.finished(after, 1, 1);
        return after;
    }

    /**
     * Runs the DAG for every interval whose logical date is a day from {@code from} to {@code to} (both included),
     * oldest first. Dates that already have a run are skipped or rerun as {@code reprocess} says.
     */
    public List<DagRun> backfill(String dagId, LocalDate from, LocalDate to, Reprocess reprocess)
            throws InterruptedException {
        Dag dag = dags.get(dagId);
        List<DataInterval> intervals = RunPlanner.backfillIntervals(dag.schedule(), dag.startDate(), from, to);
        List<DagRun> toRun = new ArrayList<>();
        for (DataInterval interval : intervals) {
            Optional<DagRun> existing = store.findRun(dagId, interval.start());
            if (existing.isEmpty()) {
                toRun.add(store.createRunIfAbsent(dagId, RunType.BACKFILL, interval));
                continue;
            }
            DagRun run = existing.get();
            boolean rerun = switch (reprocess) {
                case NONE -> !run.state().isFinished();
                case FAILED -> run.state() != DagRunState.SUCCESS;
                case COMPLETED -> true;
            };
            if (rerun) {
                if (run.state().isFinished()) {
                    store.clear(dagId, run.runId(), DagRunner.retriesByTask(dag, dag.topologicalOrder()));
                }
                toRun.add(run);
            }
        }
        List<DagRun> finished = new ArrayList<>();
        for (DagRun run : toRun) {
            runner.run(dag, run);
            DagRun after = store.run(dagId, run.runId());
            finished.add(after);
            listener.finished(after, finished.size(), toRun.size());
        }
        return finished;
    }

    /**
     * Airflow's {@code tasks clear --downstream}: resets {@code taskId} (and, if asked, every task downstream of
     * it) in the run of {@code date}, then runs that run again. Tasks upstream keep their SUCCESS and do not rerun.
     */
    public DagRun clear(String dagId, String taskId, LocalDate date, boolean downstream) throws InterruptedException {
        Dag dag = dags.get(dagId);
        Instant start = dag.schedule().firstStartAtOrAfter(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        DagRun run = store.findRun(dagId, start).orElseThrow(() -> new IllegalArgumentException(
                "no run of " + dagId + " for " + date + "; trigger or backfill it first"));
        List<String> toClear = downstream ? dag.withDownstream(taskId) : List.of(dag.task(taskId).taskId());
        store.clear(dagId, run.runId(), DagRunner.retriesByTask(dag, toClear));
        runner.run(dag, store.run(dagId, run.runId()));
        DagRun after = store.run(dagId, run.runId());
        listener.finished(after, 1, 1);
        return after;
    }

    /** Simulates a crash of the scheduler process: see {@link DagRunner#kill()}. */
    public void kill() {
        runner.kill();
    }

    @Override
    public void close() {
        executor.close();
    }
}
