package dev.dataeng.p06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p06.run.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagAndCompileTest {

    @TempDir
    Path tmp;

    @Test
    @Checklist(id = "E1", points = 3)
    @DisplayName("run builds every model after the models it refs, and each relation holds the expected rows")
    void runBuildsInDependencyOrder() {
        Fixture f = new Fixture(tmp);
        f.seed(30, Map.of());
        try (Analytics a = f.open()) {
            List<RunResult> results = a.run("");
            assertThat(results).as("every model of the shipped project runs once").hasSize(11)
                    .allSatisfy(r -> assertThat(r.status()).as("status of %s (%s)", r.model(), r.message())
                            .isEqualTo(RunResult.Status.SUCCESS));
            List<String> order = new ArrayList<>(results.stream().map(RunResult::model).toList());
            assertThat(order.indexOf("fct_orders")).as("fct_orders refs stg_orders, stg_order_items, stg_deliveries: "
                    + "it must run after them; order was %s (hint: Dag.topologicalOrder)", order)
                    .isGreaterThan(order.indexOf("stg_orders")).isGreaterThan(order.indexOf("stg_order_items"))
                    .isGreaterThan(order.indexOf("stg_deliveries"));
            assertThat(order.indexOf("mart_city_daily_revenue")).as("order was %s", order)
                    .isGreaterThan(order.indexOf("fct_orders")).isGreaterThan(order.indexOf("dim_restaurants"));
            assertThat(order.indexOf("dim_customers")).as("order was %s", order)
                    .isGreaterThan(order.indexOf("fct_orders")).isGreaterThan(order.indexOf("stg_customers"));
        }
        FoodDeliveryGenerator g = new FoodDeliveryGenerator(Fixture.CONFIG);
        assertThat(f.count("analytics.fct_orders")).as("fct_orders holds one row per generated order")
                .isEqualTo(g.orders().count());
        assertThat(f.count("analytics.dim_customers")).as("dim_customers holds one row per customer")
                .isEqualTo(Fixture.CONFIG.customerCount());
        long delivered = g.orders().filter(b -> b.order().status().equals("DELIVERED")).count();
        assertThat(dev.dataeng.common.testkit.H2.scalar(f.url, "select sum(orders) from analytics.mart_city_daily_revenue"))
                .as("mart_city_daily_revenue counts every DELIVERED order once").isEqualTo(delivered);
    }

    @Test
    @Checklist(id = "E2", points = 2)
    @DisplayName("compile resolves ref and source to relations, writes target/compiled, and adds the incremental filter only once the table exists")
    void compileShowsResolvedSql() {
        Fixture f = new Fixture(tmp);
        f.seed(30, Map.of());
        try (Analytics a = f.open()) {
            String first = a.compile("fct_orders").get("fct_orders");
            assertThat(first).as("compiled fct_orders").containsIgnoringCase("from \"analytics\".\"stg_orders\"")
                    .containsIgnoringCase("from \"analytics\".\"stg_order_items\"").doesNotContain("{{").doesNotContain("{%")
                    .doesNotContain("ref(");
            assertThat(first).as("before fct_orders exists, is_incremental() is false: no filter on {{ this }}")
                    .doesNotContainIgnoringCase("select max(ordered_at) from \"analytics\".\"fct_orders\"");
            Path file = tmp.resolve("target/compiled/zomato_analytics/models/marts/fct_orders.sql");
            assertThat(Fixture.read(file)).as("compile writes the SQL to %s", file).containsIgnoringCase("\"analytics\".\"stg_orders\"");
            assertThat(a.compile("stg_orders").get("stg_orders")).as("source('raw', 'orders') compiles to the quoted relation \"raw\".\"orders\"")
                    .containsIgnoringCase("from \"raw\".\"orders\"");
            a.run("+fct_orders");
            assertThat(a.compile("fct_orders").get("fct_orders"))
                    .as("once fct_orders is a table, is_incremental() is true and {{ this }} is \"analytics\".\"fct_orders\"")
                    .containsIgnoringCase("select max(ordered_at) from \"analytics\".\"fct_orders\"");
        }

        // another target schema (--schema marts): every ref resolves into it, nothing is read from or built in
        // the default schema `analytics`
        Fixture other = new Fixture(tmp.resolve("other-schema"));
        other.seed(3, Map.of());
        Analytics.Settings defaults = other.settings();
        Analytics.Settings marts = new Analytics.Settings(defaults.projectDir(), defaults.jdbcUrl(), defaults.user(),
                defaults.password(), "marts", defaults.targetDir(), defaults.vars(), defaults.fullRefresh());
        try (Analytics a = Analytics.open(marts)) {
            assertThat(a.compile("fct_orders").get("fct_orders")).as("compiled fct_orders with --schema marts: "
                    + "ref('stg_orders') is the relation the model builds in the TARGET schema (hint: "
                    + "manifest.relation), never a hard-coded 'analytics'")
                    .containsIgnoringCase("from \"marts\".\"stg_orders\"")
                    .containsIgnoringCase("from \"marts\".\"stg_order_items\"").doesNotContainIgnoringCase("\"analytics\".");
            assertThat(a.run("+fct_orders")).as("run +fct_orders with --schema marts").hasSize(4)
                    .allSatisfy(r -> assertThat(r.status()).as("status of %s with --schema marts (%s)", r.model(),
                            r.message()).isEqualTo(RunResult.Status.SUCCESS));
        }
        assertThat(other.exists("marts", "fct_orders")).as("marts.fct_orders built").isTrue();
        assertThat(other.relationsIn("analytics")).as("relations in schema analytics after a run with --schema marts")
                .isZero();
    }

    @Test
    @Checklist(id = "E3", points = 3)
    @DisplayName("--select model, model+ and +model select the model, its descendants or its ancestors; a space is a union, a comma an intersection; run builds only those")
    void selection() {
        Fixture f = new Fixture(tmp);
        f.seed(5, Map.of());
        try (Analytics a = f.open()) {
            assertThat(a.ls("fct_orders")).containsExactly("fct_orders");
            assertThat(a.ls("stg_orders+")).as("stg_orders and everything downstream, in build order")
                    .containsExactlyInAnyOrder("stg_orders", "fct_orders", "dim_customers", "mart_city_daily_revenue",
                            "mart_top_restaurants")
                    .startsWith("stg_orders");
            assertThat(a.ls("+dim_restaurants")).as("dim_restaurants and everything upstream")
                    .containsExactlyInAnyOrder("stg_cities", "stg_restaurants", "dim_restaurants")
                    .endsWith("dim_restaurants");
            assertThat(a.ls("+mart_city_daily_revenue")).containsExactlyInAnyOrder("stg_cities", "stg_restaurants",
                    "dim_restaurants", "stg_orders", "stg_order_items", "stg_deliveries", "fct_orders",
                    "mart_city_daily_revenue");
            assertThat(a.ls("stg_cities+ stg_orders")).as("a space is a union, as in dbt")
                    .containsExactlyInAnyOrder("stg_cities", "dim_restaurants", "dim_customers",
                            "mart_city_daily_revenue", "mart_top_restaurants", "stg_orders");
            assertThat(a.ls("+mart_top_restaurants,+dim_customers"))
                    .as("a comma is an intersection in dbt (the common ancestors here), not a union: split the "
                            + "--select on spaces, then each part on commas (graph/Selector.java)")
                    .containsExactlyInAnyOrder("stg_orders", "stg_order_items", "stg_deliveries", "fct_orders",
                            "stg_cities");
            List<RunResult> ran = a.run("+dim_restaurants");
            assertThat(ran).extracting(RunResult::model).containsExactlyInAnyOrder("stg_cities", "stg_restaurants",
                    "dim_restaurants");
        }
        assertThat(f.exists("analytics", "dim_restaurants")).as("selected model built").isTrue();
        assertThat(f.exists("analytics", "fct_orders")).as("a model outside the selection must not be built").isFalse();
        assertThat(f.exists("analytics", "stg_orders")).as("a model outside the selection must not be built").isFalse();
    }
}
