package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.dag.DagCycleException;
import dev.dataeng.p04.dag.Task;
import dev.dataeng.p04.schedule.Schedule;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.TaskState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagExecutionTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("tasks run in dependency order: no task starts before all its upstream tasks have finished")
    void tasksRunInDependencyOrder() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Dag.Builder b = Dag.builder("diamond").schedule(Schedule.parse("@daily")).startDate(START).maxActiveTasks(3);
        // declared in reverse so that declaration order cannot pass for dependency order
        for (String id : List.of("report", "join", "orders", "customers", "extract")) {
            b.task(Task.of(id, ctx -> {
                events.add("start " + id);
                events.add("end " + id);
            }));
        }
        Dag dag = b.dependency("extract", "customers").dependency("extract", "orders")
                .dependency("customers", "join").dependency("orders", "join").dependency("join", "report").build();
        try (Fixture f = new Fixture(dir, FakeTime.at("2025-01-05T00:00:00Z"), dag)) {
            DagRun run = f.scheduler.trigger("diamond", LocalDate.of(2025, 1, 2));

            assertThat(run.state()).as("run state").isEqualTo(DagRunState.SUCCESS);
            assertThat(events).as("every task ran exactly once").hasSize(10);
            for (Map.Entry<String, Set<String>> e : dag.upstream().entrySet()) {
                for (String up : e.getValue()) {
                    assertThat(events.indexOf("end " + up))
                            .as("'%s' started before its upstream '%s' ended; events: %s. Hint: a task is ready "
                                    + "only when every upstream task is SUCCESS (TaskRules.readyToRun, "
                                    + "DagGraph.topologicalOrder)", e.getKey(), up, events)
                            .isLessThan(events.indexOf("start " + e.getKey()));
                }
            }
            assertThat(f.tasks("diamond", run.runId()).values()).allMatch(ti -> ti.state() == TaskState.SUCCESS);
        }
    }

    @Test
    @Checklist(id = "E2", points = 1)
    @DisplayName("a DAG with a cycle is rejected when it is built, with the cycle named as a path")
    void cycleIsRejected() {
        Dag.Builder b = Dag.builder("loop").schedule(Schedule.parse("@daily")).startDate(START);
        // a_first is upstream of the cycle but not in it (and sorts before c, a's upstream inside the cycle)
        for (String id : List.of("a_first", "a", "b", "c")) {
            b.task(Task.of(id, ctx -> { }));
        }
        b.dependency("a_first", "a").dependency("a", "b").dependency("b", "c").dependency("c", "a");

        Throwable thrown = catchThrowable(b::build);

        assertThat(thrown).as("building a DAG with a -> b -> c -> a").isInstanceOf(DagCycleException.class);
        String message = thrown.getMessage();
        String path = message.substring(message.indexOf(':') + 1).trim();
        List<String> nodes = List.of(path.split("\\s*->\\s*"));
        assertThat(nodes).as("the cycle as a path 'a -> b -> c -> a' in the message: %s", message)
                .hasSize(4).doesNotContain("a_first");
        assertThat(nodes.get(0)).as("a cycle path ends where it starts: %s", message).isEqualTo(nodes.get(3));
        Set<String> edges = Set.of("a>b", "b>c", "c>a");
        for (int i = 1; i < nodes.size(); i++) {
            assertThat(edges).as("each step of the path must be a dependency of the DAG: %s", message)
                    .contains(nodes.get(i - 1) + ">" + nodes.get(i));
        }
    }

    @Test
    @Checklist(id = "E7", points = 1)
    @DisplayName("at most maxActiveTasks tasks of a run run at the same time, and independent tasks do run in parallel")
    void concurrencyLimitIsRespected() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        CyclicBarrier pairs = new CyclicBarrier(2); // only passes when two tasks run together
        Dag.Builder b = Dag.builder("wide").schedule(Schedule.parse("@daily")).startDate(START).maxActiveTasks(2);
        for (int i = 1; i <= 6; i++) {
            b.task(Task.of("t" + i, ctx -> {
                maxSeen.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    pairs.await(10, TimeUnit.SECONDS);
                } finally {
                    running.decrementAndGet();
                }
            }));
        }
        try (Fixture f = new Fixture(dir, FakeTime.at("2025-01-05T00:00:00Z"), b.build())) {
            DagRun run = f.scheduler.trigger("wide", LocalDate.of(2025, 1, 2));

            assertThat(run.state()).as("6 independent tasks in pairs: each pair must run together "
                    + "(a limit of 1 would never let two meet)").isEqualTo(DagRunState.SUCCESS);
            assertThat(maxSeen.get()).as("most tasks running at once with maxActiveTasks = 2. Hint: DagRunner "
                    + "starts a ready task only while fewer than maxActiveTasks are running").isEqualTo(2);
        }
    }
}
