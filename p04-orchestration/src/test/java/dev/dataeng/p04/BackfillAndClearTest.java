package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p04.example.ExampleDags;
import dev.dataeng.p04.scheduler.Reprocess;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.RunType;
import dev.dataeng.p04.store.TaskInstance;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillAndClearTest {
    private static final String DAG = ExampleDags.DAILY_ORDERS;

    @TempDir
    Path dir;

    private static Map<String, Integer> tryNumbers(Environment env, DagRun run) {
        Map<String, Integer> tries = new LinkedHashMap<>();
        env.store().taskInstances(DAG, run.runId()).values().forEach(ti -> tries.put(ti.taskId(), ti.tryNumber()));
        return tries;
    }

    @Test
    @Checklist(id = "E11", points = 2)
    @DisplayName("backfill --from --to runs the DAG once per logical date in the range (both ends included), "
            + "and writes those days' partitions only")
    void backfillRunsEachDateOfTheRange() throws Exception {
        try (Environment env = ExamplePipeline.open(dir, FakeTime.at("2025-02-01T00:00:00Z"))) {
            List<DagRun> runs = env.scheduler().backfill(DAG, LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 4),
                    Reprocess.NONE);

            assertThat(runs).extracting(DagRun::ds).as("logical dates of the backfill runs. Hint: "
                    + "RunPlanner.backfillIntervals")
                    .containsExactly(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 3), LocalDate.of(2025, 1, 4));
            assertThat(runs).allSatisfy(r -> {
                assertThat(r.runType()).isEqualTo(RunType.BACKFILL);
                assertThat(r.state()).as("state of %s", r.runId()).isEqualTo(DagRunState.SUCCESS);
            });
            assertThat(H2.rows(ExamplePipeline.warehouse(env),
                    "SELECT DISTINCT order_date FROM daily_city_sales ORDER BY order_date"))
                    .extracting(r -> r.get("ORDER_DATE").toString()).as("partitions of daily_city_sales")
                    .containsExactly("2025-01-02", "2025-01-03", "2025-01-04");
            for (LocalDate day = LocalDate.of(2025, 1, 2); !day.isAfter(LocalDate.of(2025, 1, 4));
                    day = day.plusDays(1)) {
                assertThat(ExamplePipeline.dailyCitySales(env, day)).as("daily_city_sales for %s", day)
                        .containsExactlyElementsOf(ExamplePipeline.expectedDailyCitySales(day));
            }
        }
    }

    @Test
    @Checklist(id = "E12", points = 2)
    @DisplayName("running the same backfill twice (every task rerun) leaves exactly the same data: no duplicates")
    void backfillTwiceIsIdempotent() throws Exception {
        try (Environment env = ExamplePipeline.open(dir, FakeTime.at("2025-02-01T00:00:00Z"))) {
            LocalDate from = LocalDate.of(2025, 1, 6);
            LocalDate to = LocalDate.of(2025, 1, 7);
            List<DagRun> first = env.scheduler().backfill(DAG, from, to, Reprocess.NONE);
            List<String> before = ExamplePipeline.snapshot(env);
            Map<String, Integer> triesBefore = tryNumbers(env, first.get(0));

            List<DagRun> second = env.scheduler().backfill(DAG, from, to, Reprocess.COMPLETED);

            assertThat(second).as("reprocess COMPLETED reruns both runs").hasSize(2)
                    .allSatisfy(r -> assertThat(r.state()).isEqualTo(DagRunState.SUCCESS));
            Map<String, Integer> triesAfter = tryNumbers(env, second.get(0));
            assertThat(triesAfter.get("build_daily_aggregate")).as("the aggregate really ran again")
                    .isEqualTo(triesBefore.get("build_daily_aggregate") + 1);
            assertThat(triesAfter.get("load_orders")).as("the load really ran again")
                    .isEqualTo(triesBefore.get("load_orders") + 1);
            assertThat(ExamplePipeline.snapshot(env)).as("orders and daily_city_sales after the second backfill "
                    + "(%s rows before). Hint: each task replaces its date's data (delete + insert in one "
                    + "transaction) instead of appending", before.size())
                    .containsExactlyElementsOf(before);
            assertThat(env.scheduler().backfill(DAG, from, to, Reprocess.NONE))
                    .as("reprocess NONE leaves dates that already have a run alone").isEmpty();
        }
    }

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("clear --task load_orders reruns that task and everything downstream of it, for that date only")
    void clearRerunsDownstreamOnly() throws Exception {
        try (Environment env = ExamplePipeline.open(dir, FakeTime.at("2025-02-01T00:00:00Z"))) {
            DagRun day8 = env.scheduler().trigger(DAG, LocalDate.of(2025, 1, 8));
            DagRun day9 = env.scheduler().trigger(DAG, LocalDate.of(2025, 1, 9));
            Map<String, Integer> before8 = tryNumbers(env, day8);
            Map<String, Integer> before9 = tryNumbers(env, day9);

            DagRun after = env.scheduler().clear(DAG, "load_orders", LocalDate.of(2025, 1, 8), true);

            Map<String, Integer> after8 = tryNumbers(env, day8);
            assertThat(after.state()).isEqualTo(DagRunState.SUCCESS);
            for (String rerun : List.of("load_orders", "check_quality", "build_daily_aggregate")) {
                assertThat(after8.get(rerun)).as("%s is load_orders or downstream of it: one more try", rerun)
                        .isEqualTo(before8.get(rerun) + 1);
            }
            for (String kept : List.of("extract_orders", "land_raw")) {
                assertThat(after8.get(kept)).as("%s is upstream of load_orders: must not rerun. Hint: "
                        + "DagGraph.withDownstream", kept).isEqualTo(before8.get(kept));
            }
            assertThat(tryNumbers(env, day9)).as("the run of another date is untouched").isEqualTo(before9);
            assertThat(env.store().taskInstances(DAG, day8.runId()).values()).extracting(TaskInstance::state)
                    .as("all tasks end in success").allMatch(s -> s.name().equals("SUCCESS"));
            assertThat(ExamplePipeline.dailyCitySales(env, LocalDate.of(2025, 1, 8)))
                    .containsExactlyElementsOf(ExamplePipeline.expectedDailyCitySales(LocalDate.of(2025, 1, 8)));
        }
    }
}
