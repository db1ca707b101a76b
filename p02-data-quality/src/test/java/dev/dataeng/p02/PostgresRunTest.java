package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.pipeline.Layer;
import dev.dataeng.p02.pipeline.Pipeline;
import dev.dataeng.p02.pipeline.RunOutcome;
import dev.dataeng.p02.pipeline.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded (CI has no PostgreSQL): the same job on a real PostgreSQL gives the same accounting, quarantine and
 * gold as on H2. Runs only when {@code P02_PG_URL} names a database (user and password from {@code DATAENG_DB_USER} and
 * {@code DATAENG_DB_PASSWORD}); it drops and recreates the chapter's schemas there.
 * <pre>
 * P02_PG_URL=jdbc:postgresql://127.0.0.1:5402/p02 DATAENG_DB_USER=dataeng DATAENG_DB_PASSWORD=dataeng \
 *   ./mvnw -q -pl p02-data-quality test -Dtest=PostgresRunTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = "P02_PG_URL", matches = "jdbc:postgresql:.*")
class PostgresRunTest {

    private static final List<String> SUMMARIES = List.of(
            "SELECT table_name, bronze_rows, silver_rows, quarantined, exact_duplicates, superseded FROM dq.accounting "
                    + "WHERE run_id = (SELECT MAX(run_id) FROM dq.accounting) ORDER BY table_name",
            "SELECT table_name, reason, COUNT(*) AS n FROM dq.quarantine GROUP BY table_name, reason "
                    + "ORDER BY table_name, reason",
            "SELECT COUNT(*) AS n, SUM(orders) AS orders, SUM(gmv) AS gmv, SUM(avg_delivery_minutes) AS minutes "
                    + "FROM gold.daily_restaurant_orders",
            "SELECT COUNT(*) AS n, SUM(orders) AS orders, SUM(gmv) AS gmv FROM gold.daily_city_orders");

    @TempDir
    Path dir;

    @Test
    void sameResultsOnPostgresAsOnH2() throws Exception {
        check(dir, new Warehouse(System.getenv("P02_PG_URL")));
    }

    /** The check itself, on any PostgreSQL (also {@code PostgresContainerTest}'s). */
    static void check(Path dir, Warehouse pg) throws Exception {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(42), 0.2), Dirt.all(0.05));
        try (Connection c = pg.connect()) {
            Warehouse.exec(c, "DROP SCHEMA IF EXISTS bronze, stage, audit, silver, gold, dq CASCADE");
        }
        RunOutcome onH2 = run(new Warehouse(f.url()), f.input());
        RunOutcome onPg = run(pg, f.input());
        assertThat(onPg.ok()).as("the run on PostgreSQL passes its checks: %s", onPg.blockedBy()).isTrue();
        assertThat(onPg.accounting()).as("accounting on PostgreSQL and H2").isEqualTo(onH2.accounting());
        RunOutcome again = run(pg, f.input());
        assertThat(again.accounting()).as("a re-run on PostgreSQL changes nothing").isEqualTo(onPg.accounting());
        for (String sql : SUMMARIES) {
            assertThat(summary(pg, sql)).as("on PostgreSQL and H2: %s", sql).isEqualTo(summary(new Warehouse(f.url()),
                    sql));
        }
    }

    private static RunOutcome run(Warehouse warehouse, Path input) {
        return new Pipeline(warehouse, CheckSuite.defaults(), Optional.empty(), line -> { }).run(Layer.ALL, input);
    }

    /** Rows as text, numbers normalised (H2 and PostgreSQL scale sums differently). */
    private static String summary(Warehouse warehouse, String sql) throws Exception {
        try (Connection c = warehouse.connect()) {
            StringBuilder out = new StringBuilder();
            for (Map<String, Object> row : Warehouse.rows(c, sql)) {
                for (Object v : row.values()) {
                    out.append(v instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString()
                            : String.valueOf(v)).append(' ');
                }
                out.append('\n');
            }
            return out.toString();
        }
    }
}
