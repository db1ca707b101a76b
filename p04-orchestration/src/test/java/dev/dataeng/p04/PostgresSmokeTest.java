package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.p04.example.ExampleDags;
import dev.dataeng.p04.scheduler.Reprocess;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded (CI has no PostgreSQL): the same pipeline with the metadata store and the warehouse on a real
 * PostgreSQL. Runs only when {@code P04_PG_URL} names one, credentials in the URL, e.g.
 * {@code P04_PG_URL='jdbc:postgresql://127.0.0.1:5404/p04?user=dataeng&password=dataeng'
 * ./mvnw -q -pl p04-orchestration test -Dtest=PostgresSmokeTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Every run works in a fresh schema that is dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "P04_PG_URL", matches = "jdbc:postgresql:.*")
class PostgresSmokeTest {
    private static final String DAG = ExampleDags.DAILY_ORDERS;

    @TempDir
    Path dir;

    private String adminUrl;
    private String schema;
    private String url;

    @BeforeEach
    void createSchema() throws Exception {
        adminUrl = adminUrl();
        schema = "p04_smoke_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        url = adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The PostgreSQL to run against, credentials in the URL ({@code PostgresContainerTest} overrides it). */
    String adminUrl() {
        return System.getenv("P04_PG_URL");
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Environment open() {
        FakeTime time = FakeTime.at("2025-02-01T00:00:00Z");
        return new Environment(dir, url, url, ExamplePipeline.SEED, ExamplePipeline.SCALE,
                ExamplePipeline.FAILURE_RATE, ExamplePipeline.PAGE_SIZE, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofHours(1), time, time);
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getObject(i) instanceof java.math.BigDecimal d
                            ? d.toPlainString() : String.valueOf(rs.getObject(i)));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    @DisplayName("on PostgreSQL: a backfill builds the expected partitions, and running it again changes nothing")
    void backfillOnPostgres() throws Exception {
        LocalDate from = LocalDate.of(2025, 1, 2);
        LocalDate to = LocalDate.of(2025, 1, 3);
        try (Environment env = open()) {
            List<DagRun> first = env.scheduler().backfill(DAG, from, to, Reprocess.NONE);
            assertThat(first).extracting(DagRun::state).containsExactly(DagRunState.SUCCESS, DagRunState.SUCCESS);
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                assertThat(rows("SELECT order_date, city_id, orders, delivered_orders, delivered_revenue "
                        + "FROM daily_city_sales WHERE order_date = DATE '" + day + "' ORDER BY city_id"))
                        .as("daily_city_sales for %s on PostgreSQL", day)
                        .containsExactlyElementsOf(ExamplePipeline.expectedDailyCitySales(day));
            }
            List<String> before = rows("SELECT * FROM orders ORDER BY order_id");
            before.addAll(rows("SELECT * FROM daily_city_sales ORDER BY order_date, city_id"));

            List<DagRun> second = env.scheduler().backfill(DAG, from, to, Reprocess.COMPLETED);

            assertThat(second).extracting(DagRun::state).containsExactly(DagRunState.SUCCESS, DagRunState.SUCCESS);
            List<String> after = rows("SELECT * FROM orders ORDER BY order_id");
            after.addAll(rows("SELECT * FROM daily_city_sales ORDER BY order_date, city_id"));
            assertThat(after).as("warehouse after the second backfill").containsExactlyElementsOf(before);
            assertThat(rows("SELECT count(*) FROM task_try WHERE dag_id = '" + DAG + "'")).as("tries recorded")
                    .singleElement().satisfies(n -> assertThat(Integer.parseInt(n)).isGreaterThanOrEqualTo(20));
        }
    }
}
