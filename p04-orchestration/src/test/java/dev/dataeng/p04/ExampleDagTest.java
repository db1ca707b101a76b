package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p04.example.ExampleDags;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.TaskInstance;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleDagTest {
    private static final LocalDate DAY = LocalDate.of(2025, 1, 5);

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E10", points = 3)
    @DisplayName("daily_orders builds the day's aggregate partition from a flaky paginated API: 503s are retried "
            + "and the totals equal the source's")
    void dailyOrdersEndToEnd() throws Exception {
        try (Environment env = ExamplePipeline.open(dir, FakeTime.at("2025-02-01T00:00:00Z"))) {
            DagRun run = env.scheduler().trigger(ExampleDags.DAILY_ORDERS, DAY);

            Map<String, TaskInstance> tis = env.store().taskInstances(ExampleDags.DAILY_ORDERS, run.runId());
            assertThat(run.state()).as("run state; task states: %s", tis).isEqualTo(DagRunState.SUCCESS);
            assertThat(env.api().failed()).as("the API answered 503 for some pages of %s (seeded)", DAY)
                    .isPositive();
            assertThat(tis.get("extract_orders").tryNumber()).as("extract_orders is retried once per 503")
                    .isEqualTo(1 + env.api().failed());
            assertThat(ExamplePipeline.dailyCitySales(env, DAY))
                    .as("daily_city_sales for %s (order_date|city|orders|delivered|delivered revenue), computed "
                            + "independently from the generator", DAY)
                    .containsExactlyElementsOf(ExamplePipeline.expectedDailyCitySales(DAY));
            assertThat(H2.scalar(ExamplePipeline.warehouse(env), "SELECT COUNT(*) FROM daily_city_sales "
                    + "WHERE order_date <> DATE '" + DAY + "'")).as("no other day was touched").isZero();
        }
    }

    @Test
    @Checklist(id = "E17", points = 1)
    @DisplayName("XCom carries extract_orders' row count to the tasks downstream, and it equals the orders loaded")
    void xcomCarriesTheRowCount() throws Exception {
        try (Environment env = ExamplePipeline.open(dir, FakeTime.at("2025-02-01T00:00:00Z"))) {
            DagRun run = env.scheduler().trigger(ExampleDags.DAILY_ORDERS, DAY);

            long expected = ExamplePipeline.expectedOrders(DAY);
            assertThat(env.store().xcomPull(ExampleDags.DAILY_ORDERS, run.runId(), "extract_orders", "row_count"))
                    .as("XCom row_count pushed by extract_orders").contains(Long.toString(expected));
            assertThat(env.store().xcomPull(ExampleDags.DAILY_ORDERS, run.runId(), "load_orders", "loaded"))
                    .as("XCom 'loaded' pushed by load_orders").contains(Long.toString(expected));
            assertThat(H2.scalar(ExamplePipeline.warehouse(env), "SELECT COUNT(*) FROM orders WHERE order_date = "
                    + "DATE '" + DAY + "'")).as("orders rows for %s", DAY).isEqualTo(expected);
        }
    }
}
