package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.dag.RetryPolicy;
import dev.dataeng.p04.dag.Task;
import dev.dataeng.p04.schedule.Schedule;
import dev.dataeng.p04.scheduler.DagBag;
import dev.dataeng.p04.scheduler.Scheduler;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.MetadataStore;
import dev.dataeng.p04.store.TaskState;
import dev.dataeng.p04.store.TaskTry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {
    @TempDir
    Path dir;

    /** How often each task really executed for each logical date ("2025-01-02 extract"), across both processes. */
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    /** extract >> transform (hangs on its first execution) >> publish. A fresh instance per scheduler. */
    private Dag pipeline(CountDownLatch hang, CountDownLatch hanging) {
        return Dag.builder("nightly").schedule(Schedule.parse("@daily"))
                .startDate(Instant.parse("2025-01-01T00:00:00Z"))
                .task(Task.of("extract", ctx -> count(ctx.ds() + " extract")))
                .task(Task.of("transform", ctx -> {
                    if (count(ctx.ds() + " transform") == 1) {
                        hanging.countDown();
                        hang.await(); // the process dies while this try runs
                    }
                }).withRetry(RetryPolicy.fixed(1, Duration.ofMinutes(2))))
                .task(Task.of("publish", ctx -> count(ctx.ds() + " publish")))
                .chain("extract", "transform", "publish").build();
    }

    private int count(String taskId) {
        return executions.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
    }

    private int executed(String taskId) {
        return executions.getOrDefault("2025-01-02 " + taskId, new AtomicInteger()).get();
    }

    @Test
    @Checklist(id = "E13", points = 3)
    @DisplayName("after the scheduler is killed mid-run, a new scheduler on the same metadata DB resumes the run: "
            + "the lost task is retried, succeeded tasks never run twice")
    void resumesAfterACrash() throws Exception {
        String url = dev.dataeng.common.testkit.H2.fileUrl(dir, "metadata");
        FakeTime time = FakeTime.at("2025-01-03T00:00:00Z");
        LocalDate day = LocalDate.of(2025, 1, 2);

        // process 1: runs the DAG and is killed while 'transform' runs
        MetadataStore store1 = new MetadataStore(url);
        CountDownLatch hanging = new CountDownLatch(1);
        Scheduler first = new Scheduler(new DagBag(pipeline(new CountDownLatch(1), hanging)), store1, time, time);
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        Thread process = new Thread(() -> {
            try {
                first.trigger("nightly", day);
            } catch (Throwable t) {
                crashed.set(t);
            }
        }, "scheduler-1");
        process.start();
        DagRun run = await().atMost(Duration.ofSeconds(10)).until(
                () -> store1.findRun("nightly", Instant.parse("2025-01-02T00:00:00Z")).orElse(null),
                r -> r != null && hanging.getCount() == 0
                        && store1.taskInstance("nightly", r.runId(), "transform").state() == TaskState.RUNNING);
        first.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        assertThat(store1.run("nightly", run.runId()).state()).as("what the crash left: the run still RUNNING")
                .isEqualTo(DagRunState.RUNNING);
        store1.close();

        // process 2: a new scheduler, new DAG objects, new connection to the same database
        try (MetadataStore store2 = new MetadataStore(url);
                Scheduler second = new Scheduler(new DagBag(pipeline(new CountDownLatch(0), new CountDownLatch(1))), store2,
                        time, time)) {
            List<DagRun> finished = second.runOnce();

            assertThat(finished).extracting(DagRun::runId).as("runs finished by the new scheduler")
                    .contains(run.runId());
            assertThat(store2.run("nightly", run.runId()).state()).as("the resumed run")
                    .isEqualTo(DagRunState.SUCCESS);
            assertThat(executed("extract")).as("extract had succeeded before the crash: it must not run again")
                    .isEqualTo(1);
            assertThat(executed("transform")).as("transform: the try lost in the crash + one retry").isEqualTo(2);
            assertThat(executed("publish")).as("publish runs once, after the resume").isEqualTo(1);
            List<TaskTry> tries = store2.tries("nightly", run.runId(), "transform");
            assertThat(tries).extracting(TaskTry::state).as("transform's tries: the lost one is recorded as "
                    + "failed (a zombie), then the retry. Hint: Scheduler.handleZombies")
                    .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
            assertThat(store2.taskInstance("nightly", run.runId(), "extract").tryNumber()).isEqualTo(1);
            assertThat(second.runOnce()).as("a further pass finds nothing left to do").isEmpty();
            assertThat(store2.runs("nightly")).extracting(DagRun::ds).as("catch-up added the missed Jan 1 run, "
                    + "and no second run for Jan 2").containsExactly(LocalDate.of(2025, 1, 1), day);
            assertThat(executed("extract") + executed("transform") + executed("publish")).isEqualTo(4);
        }
        assertThat(crashed.get()).as("the killed scheduler thread ended without an error of its own").isNull();
    }
}
