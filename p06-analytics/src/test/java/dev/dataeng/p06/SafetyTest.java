package dev.dataeng.p06;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p06.compile.Sql;
import dev.dataeng.p06.project.ProjectError;
import dev.dataeng.p06.run.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyTest {

    @TempDir
    Path tmp;

    @Test
    @Checklist(id = "E12", points = 3)
    @DisplayName("a var renders as a quoted literal: a malicious value selects nothing and drops nothing, a normal one filters")
    void varsCannotInjectSql() {
        Fixture f = new Fixture(tmp);
        f.seed(30, Map.of());
        String evil = "DELIVERED' or 1=1; drop table raw.orders; --";
        try (Analytics a = f.open(Map.of("revenue_status", evil))) {
            List<RunResult> results = a.run("+mart_city_daily_revenue");
            assertThat(results).allSatisfy(r -> assertThat(r.status()).as("%s: %s", r.model(), r.message())
                    .isEqualTo(RunResult.Status.SUCCESS));
            assertThat(a.compile("mart_city_daily_revenue").get("mart_city_daily_revenue"))
                    .as("the value is one literal with its quote doubled (hint: Sql.literal)")
                    .contains("o.status = 'DELIVERED'' or 1=1; drop table raw.orders; --'");
        }
        assertThat(f.exists("raw", "orders")).as("raw.orders must still exist: the var was injected as SQL").isTrue();
        assertThat(f.count("raw.orders")).isEqualTo(Fixture.CONFIG.orderCount());
        assertThat(f.count("analytics.mart_city_daily_revenue"))
                .as("no order has that status, so no row (a 'or 1=1' injection would count every order)").isZero();

        try (Analytics a = f.open(Map.of("revenue_status", "CANCELLED"))) {
            a.run("mart_city_daily_revenue");
        }
        BigDecimal cancelled = new FoodDeliveryGenerator(Fixture.CONFIG).orders().map(b -> b.order())
                .filter(o -> o.status().equals("CANCELLED")).map(o -> o.total()).reduce(BigDecimal.ZERO, BigDecimal::add);
        Object revenue = H2.rows(f.url, "select sum(revenue) s from analytics.mart_city_daily_revenue").get(0).get("S");
        assertThat(new BigDecimal(String.valueOf(revenue))).as("--vars revenue_status=CANCELLED sums cancelled orders")
                .isEqualByComparingTo(cancelled);

        // the other kinds of value a var can hold (YAML and --vars give nulls, booleans, numbers): each becomes one
        // SQL literal of its kind, and a value no literal can hold is refused, never pasted into the SQL
        assertThat(Sql.literal(null)).as("Sql.literal(null)").isEqualToIgnoringCase("NULL");
        assertThat(Sql.literal(true)).as("Sql.literal(true)").isEqualToIgnoringCase("TRUE");
        assertThat(Sql.literal(false)).as("Sql.literal(false)").isEqualToIgnoringCase("FALSE");
        for (Object number : List.of(42, 42L, new BigDecimal("12.50"), 2.5, -7)) {
            assertThat(new BigDecimal(Sql.literal(number))).as("Sql.literal(%s) is that number's digits", number)
                    .isEqualByComparingTo(new BigDecimal(number.toString()));
        }
        for (Object unusable : List.of(Double.NaN, Double.POSITIVE_INFINITY, "a\0b", "\0", List.of(1, 2))) {
            assertThatThrownBy(() -> Sql.literal(unusable)).as("Sql.literal(%s) has no SQL literal: refused",
                    unusable).isInstanceOf(ProjectError.class);
        }
    }

    @Test
    @Checklist(id = "E13", points = 2)
    @DisplayName("a ref to a missing model is one clear error, naming both models, before anything runs")
    void missingRefIsAClearErrorBeforeRunning() {
        Path project = Fixture.writeProject(tmp.resolve("p"), Map.of(
                "models/a.sql", "select 1 as id",
                "models/b.sql", "select * from {{ ref('a') }}",
                "models/c.sql", "select * from {{ ref('b_typo') }}"));
        Fixture f = new Fixture(tmp);
        assertThatThrownBy(() -> Analytics.open(Analytics.Settings.of(project, f.url)))
                .isInstanceOf(ProjectError.class)
                .hasMessageContaining("'c'").hasMessageContaining("b_typo");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Cli.execute("run", "--project-dir", project.toString(), "--jdbc-url", f.url);
        } finally {
            System.setErr(saved);
        }
        String printed = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(exit).as("exit code for an unusable project").isEqualTo(2);
        assertThat(printed).as("one line on stderr, no stack trace").doesNotContain("\n").contains("b_typo")
                .doesNotContain("Exception");
        assertThat(f.relationsIn("analytics"))
                .as("model a is fine, but nothing may run when the project is broken").isZero();
    }

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("a cycle of refs is refused before anything runs, and the error shows the cycle")
    void cycleIsRefused() {
        Path project = Fixture.writeProject(tmp.resolve("p"), Map.of(
                "models/ok.sql", "select 1 as id",
                "models/x.sql", "select * from {{ ref('z') }}",
                "models/y.sql", "select * from {{ ref('x') }}",
                "models/z.sql", "select * from {{ ref('y') }} join {{ ref('ok') }} on 1 = 1"));
        Fixture f = new Fixture(tmp);
        assertThatThrownBy(() -> Analytics.open(Analytics.Settings.of(project, f.url)).run(""))
                .isInstanceOf(ProjectError.class)
                .hasMessageContaining("cycle")
                .satisfies(e -> assertThat(e.getMessage()).as("the cycle's path, e.g. x -> y -> z -> x")
                        .containsPattern("(x -> y -> z -> x|y -> z -> x -> y|z -> x -> y -> z)"));
        assertThat(f.relationsIn("analytics"))
                .as("model ok is fine, but nothing may run").isZero();
    }

    @Test
    @Checklist(id = "E15", points = 1)
    @DisplayName("a config value used as an identifier (unique_key) must be a plain identifier, or the project is refused")
    void configIdentifiersAreValidated() {
        Path project = Fixture.writeProject(tmp.resolve("p"), Map.of(
                "models/a.sql", "{{ config(materialized='incremental', unique_key='id; drop table raw.orders') }}\n"
                        + "select 1 as id"));
        Fixture f = new Fixture(tmp);
        assertThatThrownBy(() -> Analytics.open(Analytics.Settings.of(project, f.url)))
                .isInstanceOf(ProjectError.class).hasMessageContaining("unique_key")
                .hasMessageContaining("id; drop table raw.orders");
        Path bad = Fixture.writeProject(tmp.resolve("q"), Map.of(
                "models/b.sql", "{{ config(materialized='tabel') }}\nselect 1 as id"));
        assertThatThrownBy(() -> Analytics.open(Analytics.Settings.of(bad, f.url)))
                .isInstanceOf(ProjectError.class).hasMessageContaining("tabel");
    }
}
