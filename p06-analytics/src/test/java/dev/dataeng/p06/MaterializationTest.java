package dev.dataeng.p06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p06.run.RunResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterializationTest {

    @TempDir
    Path tmp;

    private static RunResult only(java.util.List<RunResult> results, String model) {
        return results.stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow(
                () -> new AssertionError(model + " did not run; ran " + results));
    }

    @Test
    @Checklist(id = "E10", points = 3)
    @DisplayName("an incremental model's second run processes only the new rows, and ends equal to a full refresh")
    void incrementalProcessesOnlyNewRowsAndEqualsFullRefresh() {
        Fixture f = new Fixture(tmp);
        FoodDeliveryGenerator g = new FoodDeliveryGenerator(Fixture.CONFIG);
        long first20 = IntStream.range(0, 20)
                .mapToLong(d -> g.ordersOn(Fixture.CONFIG.startDate().plusDays(d)).count()).sum();
        long last10 = IntStream.range(20, 30)
                .mapToLong(d -> g.ordersOn(Fixture.CONFIG.startDate().plusDays(d)).count()).sum();

        f.seed(20, Map.of());
        try (Analytics a = f.open()) {
            RunResult first = only(a.run("+fct_orders"), "fct_orders");
            assertThat(first.rows()).as("first run builds the table from all %d orders", first20).isEqualTo(first20);
        }
        f.seed(30, Map.of()); // ten more days arrive
        try (Analytics a = f.open()) {
            RunResult second = only(a.run("+fct_orders"), "fct_orders"); // staging tables first, then the model
            assertThat(second.status()).as("second run: %s", second.message()).isEqualTo(RunResult.Status.SUCCESS);
            assertThat(second.rows()).as("the second run must read only the %d orders of days 21-30, not all %d "
                    + "(hint: is_incremental() and the filter on {{ this }}; Materializer.incremental)", last10,
                    first20 + last10).isEqualTo(last10);
            RunResult third = only(a.run("+fct_orders"), "fct_orders");
            assertThat(third.rows()).as("nothing new arrived: a third run processes no row").isZero();
        }
        assertThat(f.count("analytics.fct_orders")).isEqualTo(first20 + last10);
        try (java.sql.Connection c = H2.connect(f.url); java.sql.Statement s = c.createStatement()) {
            s.execute("create table analytics.fct_orders_incremental as select * from analytics.fct_orders");
        } catch (java.sql.SQLException e) {
            throw new AssertionError("cannot keep a copy of fct_orders: " + e.getMessage(), e);
        }
        try (Analytics a = Analytics.open(f.settings().withFullRefresh(true))) {
            RunResult refresh = only(a.run("fct_orders"), "fct_orders");
            assertThat(refresh.rows()).as("--full-refresh rebuilds from every order").isEqualTo(first20 + last10);
        }
        long onlyIncremental = H2.scalar(f.url, "select count(*) from (select * from analytics.fct_orders_incremental"
                + " except select * from analytics.fct_orders) d");
        long onlyRefresh = H2.scalar(f.url, "select count(*) from (select * from analytics.fct_orders"
                + " except select * from analytics.fct_orders_incremental) d");
        assertThat(onlyIncremental + onlyRefresh)
                .as("rows that differ between the incrementally built table and a full refresh").isZero();
    }

    @Test
    @Checklist(id = "E11", points = 2)
    @DisplayName("a table model whose rebuild fails keeps its previous rows (built aside, then swapped)")
    void failedTableRebuildKeepsOldTable() {
        Fixture f = new Fixture(tmp);
        f.seed(30, Map.of());
        long before;
        try (Analytics a = f.open()) {
            assertThat(only(a.run("+mart_top_restaurants"), "mart_top_restaurants").status())
                    .isEqualTo(RunResult.Status.SUCCESS);
            before = f.count("analytics.mart_top_restaurants");
            assertThat(before).as("fixture: some restaurants are rated 4.0 or more").isPositive();
        }
        try (Analytics a = f.open(Map.of("min_rating", "not a number"))) {
            RunResult failed = only(a.run("mart_top_restaurants"), "mart_top_restaurants");
            assertThat(failed.status()).as("rating >= 'not a number' cannot run").isEqualTo(RunResult.Status.ERROR);
            assertThat(failed.message()).as("the database's error is reported").isNotBlank();
        }
        assertThat(f.exists("analytics", "mart_top_restaurants"))
                .as("the old table must survive a failed rebuild (hint: Materializer.table builds aside, then swaps)")
                .isTrue();
        assertThat(f.count("analytics.mart_top_restaurants")).as("rows after the failed rebuild").isEqualTo(before);
        try (Analytics a = f.open(Map.of("min_rating", 4.5))) {
            only(a.run("mart_top_restaurants"), "mart_top_restaurants");
        }
        long expected = new FoodDeliveryGenerator(Fixture.CONFIG).restaurants()
                .filter(r -> r.rating().compareTo(new java.math.BigDecimal("4.5")) >= 0).count();
        assertThat(f.count("analytics.mart_top_restaurants")).as("a successful rebuild replaces the rows "
                + "(restaurants rated >= 4.5)").isEqualTo(expected);
    }
    @Test
    @Checklist(id = "E17", points = 2)
    @DisplayName("an incremental model with a unique_key replaces the changed rows it processes instead of adding them again")
    void uniqueKeyReplacesChangedRows() throws java.sql.SQLException {
        Path project = Fixture.writeProject(tmp.resolve("p"), Map.of(
                "models/_sources.yml", "version: 2\nsources:\n  - name: app\n    tables:\n      - name: accounts\n",
                "models/accounts_latest.sql", """
                        {{ config(materialized='incremental', unique_key='account_id') }}
                        select account_id, plan, updated_at from {{ source('app', 'accounts') }}
                        {% if is_incremental() %}
                        where updated_at > (select max(updated_at) from {{ this }})
                        {% endif %}
                        """));
        Fixture f = new Fixture(tmp);
        try (java.sql.Connection c = H2.connect(f.url); java.sql.Statement s = c.createStatement()) {
            s.execute("create schema app");
            s.execute("create table app.accounts (account_id int, plan varchar(10), updated_at int)");
            s.execute("insert into app.accounts values (1, 'free', 1), (2, 'free', 1), (3, 'pro', 2)");
        }
        Analytics.Settings settings = Analytics.Settings.of(project, f.url).withTargetDir(tmp.resolve("target"));
        try (Analytics a = Analytics.open(settings)) {
            assertThat(only(a.run(""), "accounts_latest").rows()).isEqualTo(3);
        }
        try (java.sql.Connection c = H2.connect(f.url); java.sql.Statement s = c.createStatement()) {
            s.execute("update app.accounts set plan = 'pro', updated_at = 3 where account_id = 1"); // an upgrade
            s.execute("insert into app.accounts values (4, 'free', 3)");
        }
        try (Analytics a = Analytics.open(settings)) {
            assertThat(only(a.run(""), "accounts_latest").rows()).as("rows changed or added since the last run")
                    .isEqualTo(2);
        }
        assertThat(f.count("analytics.accounts_latest")).as("one row per account_id: account 1's new version must "
                + "replace the old one, not be appended (hint: Materializer.incremental deletes by unique_key)")
                .isEqualTo(4);
        assertThat(H2.rows(f.url, "select plan from analytics.accounts_latest where account_id = 1"))
                .extracting(row -> row.get("PLAN")).containsExactly("pro");
    }
}
