package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.dag.RetryPolicy;
import dev.dataeng.p04.dag.Task;
import dev.dataeng.p04.schedule.Schedule;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.TaskInstance;
import dev.dataeng.p04.store.TaskState;
import dev.dataeng.p04.store.TaskTry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryAndTimeoutTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2025, 1, 2);

    @TempDir
    Path dir;

    private static Dag.Builder dag(String id) {
        return Dag.builder(id).schedule(Schedule.parse("@daily")).startDate(START);
    }

    @Test
    @Checklist(id = "E3", points = 2)
    @DisplayName("a task that fails twice then works succeeds on try 3, and every try is recorded with its state")
    void flakyTaskSucceedsOnRetry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger downstream = new AtomicInteger();
        Dag dag = dag("flaky")
                .task(Task.of("call_api", ctx -> {
                    if (calls.incrementAndGet() <= 2) {
                        throw new IOException("HTTP 503 on call " + calls.get());
                    }
                }).withRetry(RetryPolicy.fixed(3, Duration.ofMinutes(5))))
                .task(Task.of("use_it", ctx -> downstream.incrementAndGet()))
                .chain("call_api", "use_it").build();
        try (Fixture f = new Fixture(dir, FakeTime.at("2025-01-05T00:00:00Z"), dag)) {
            DagRun run = f.scheduler.trigger("flaky", DAY);

            TaskInstance ti = f.tasks("flaky", run.runId()).get("call_api");
            assertThat(run.state()).as("run state after 2 failures with retries = 3").isEqualTo(DagRunState.SUCCESS);
            assertThat(ti.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(ti.tryNumber()).as("try_number: 1 for the first try, +1 per retry").isEqualTo(3);
            List<TaskTry> tries = f.tries("flaky", run.runId(), "call_api");
            assertThat(tries).extracting(TaskTry::state).as("state of each try (task_try table)")
                    .containsExactly(TaskState.FAILED, TaskState.FAILED, TaskState.SUCCESS);
            assertThat(tries.get(0).error()).as("a failed try keeps its error").contains("HTTP 503 on call 1");
            assertThat(downstream.get()).as("downstream runs once, after the success").isEqualTo(1);
        }
    }

    @Test
    @Checklist(id = "E4", points = 2)
    @DisplayName("exponential backoff waits retry_delay * 2^(try-1) after each failed try, capped at max_retry_delay")
    void exponentialBackoff() throws Exception {
        Dag dag = dag("backoff")
                .task(Task.of("always_fails", ctx -> {
                    throw new IllegalStateException("source down");
                }).withRetry(RetryPolicy.exponential(4, Duration.ofSeconds(10), Duration.ofSeconds(30))))
                .build();
        try (Fixture f = new Fixture(dir, FakeTime.at("2025-01-05T00:00:00Z"), dag)) {
            DagRun run = f.scheduler.trigger("backoff", DAY);

            List<TaskTry> tries = f.tries("backoff", run.runId(), "always_fails");
            assertThat(tries).as("1 try + 4 retries").hasSize(5);
            List<Duration> waits = new ArrayList<>();
            for (int i = 1; i < tries.size(); i++) {
                waits.add(Duration.between(tries.get(i - 1).endDate(), tries.get(i).startDate()));
            }
            assertThat(waits).as("wait between the end of each failed try and the start of the next "
                    + "(retry_delay 10s, exponential, max 30s). Hint: RetryPolicy.delayAfterTry and where "
                    + "TaskRules.afterTry sets nextRetryAt")
                    .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
                            Duration.ofSeconds(30));
            assertThat(f.tasks("backoff", run.runId()).get("always_fails").state()).isEqualTo(TaskState.FAILED);
            assertThat(f.time.instant()).as("the fake clock moved by the backoff only: no real waiting")
                    .isEqualTo(Instant.parse("2025-01-05T00:01:30Z"));
        }
    }

    @Test
    @Checklist(id = "E5", points = 1)
    @DisplayName("when retries are used up the task fails, its downstream tasks are upstream_failed and never run, "
            + "and the run fails")
    void exhaustedRetriesFailDownstream() throws Exception {
        AtomicInteger downstreamCalls = new AtomicInteger();
        AtomicInteger independent = new AtomicInteger();
        Dag dag = dag("broken")
                .task(Task.of("extract", ctx -> {
                    throw new IllegalStateException("bad credentials");
                }).withRetry(RetryPolicy.fixed(1, Duration.ofMinutes(1))))
                .task(Task.of("load", ctx -> downstreamCalls.incrementAndGet()))
                .task(Task.of("aggregate", ctx -> downstreamCalls.incrementAndGet()))
                .task(Task.of("unrelated", ctx -> independent.incrementAndGet()))
                .chain("extract", "load", "aggregate").build();
        try (Fixture f = new Fixture(dir, FakeTime.at("2025-01-05T00:00:00Z"), dag)) {
            DagRun run = f.scheduler.trigger("broken", DAY);

            Map<String, TaskInstance> tis = f.tasks("broken", run.runId());
            assertThat(tis.get("extract").state()).isEqualTo(TaskState.FAILED);
            assertThat(tis.get("extract").tryNumber()).as("1 try + 1 retry").isEqualTo(2);
            assertThat(tis.get("load").state()).as("direct downstream").isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(tis.get("aggregate").state()).as("downstream of the downstream")
                    .isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(downstreamCalls.get()).as("downstream tasks must not run").isZero();
            assertThat(tis.get("unrelated").state()).as("a task that does not depend on the failure still runs")
                    .isEqualTo(TaskState.SUCCESS);
            assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        }
    }

    @Test
    @Checklist(id = "E6", points = 2)
    @DisplayName("a try running past its timeout is stopped (interrupted) and failed as 'timed out', then retried")
    void timeoutFailsTheTry() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        Dag dag = dag("slow")
                .task(Task.of("hangs", ctx -> {
                    try {
                        never.await(); // a hung connection: only an interrupt gets it out
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                }).withTimeout(Duration.ofMillis(300)).withRetry(RetryPolicy.fixed(1, Duration.ofMinutes(1))))
                .task(Task.of("quick", ctx -> { }).withTimeout(Duration.ofSeconds(10)))
                .build();
        try (Fixture f = new Fixture(dir, FakeTime.at("2025-01-05T00:00:00Z"), dag)) {
            DagRun run = f.scheduler.trigger("slow", DAY);

            List<TaskTry> tries = f.tries("slow", run.runId(), "hangs");
            assertThat(tries).as("1 try + 1 retry, both over the timeout").hasSize(2)
                    .allSatisfy(t -> {
                        assertThat(t.state()).isEqualTo(TaskState.FAILED);
                        assertThat(t.error()).as("error of a timed-out try. Hint: TaskExecutor.execute waits "
                                + "on the Future at most the task's timeout").contains("timed out");
                    });
            assertThat(f.tasks("slow", run.runId()).get("quick").state()).as("a task within its timeout")
                    .isEqualTo(TaskState.SUCCESS);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(interrupted.get())
                    .as("each timed-out try is interrupted so its thread does not hang forever").isEqualTo(2));
            assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        }
    }
}
