package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.Restaurant;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.pipeline.Layer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of check, declared in YAML, run on clean silver data whose answer the test computes from the generator:
 * the number of failing rows must be exact, the status must follow the severity.
 */
class CheckLibraryTest {

    @TempDir
    static Path dir;

    static Fixture f;
    static Map<String, Map<String, Object>> results;
    static List<Order> orders;
    static List<Restaurant> restaurants;
    static List<Customer> customers;

    @BeforeAll
    static void runEveryKindOfCheck() throws Exception {
        f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(51), 0.1), Dirt.NONE);
        FoodDeliveryGenerator g = f.generator();
        orders = g.orders().map(OrderBundle::order).toList();
        restaurants = g.restaurants().toList();
        customers = g.customers().toList();
        long n = orders.size();
        Path yaml = dir.resolve("every-kind.yaml");
        Files.writeString(yaml, """
                checks:
                  - {name: k_not_null, table: silver.orders, type: not_null, column: instructions, severity: warn}
                  - {name: k_unique, table: silver.restaurants, type: unique, columns: [city_id], severity: warn}
                  - {name: k_unique_ok, table: silver.order_items, type: unique, columns: [order_id, line_no], severity: error}
                  - {name: k_accepted, table: silver.orders, type: accepted_values, column: status, values: [DELIVERED], severity: warn}
                  - {name: k_range, table: silver.orders, type: range, column: total, min: 100, max: 1000, severity: error}
                  - {name: k_regex, table: silver.customers, type: regex, column: email, pattern: '^[a-m]', severity: warn}
                  - {name: k_relationships, table: silver.orders, type: relationships, column: customer_id, to_table: silver.restaurants, to_column: restaurant_id, severity: warn}
                  - {name: k_expression, table: silver.orders, type: expression, expression: discount = 0, severity: warn}
                  - {name: k_row_count_low, table: silver.orders, type: row_count, min: %d, severity: error}
                  - {name: k_row_count_ok, table: silver.orders, type: row_count, min: %d, max: %d, severity: error}
                  - {name: k_fresh_day, table: silver.orders, type: freshness, column: ordered_at, max_age: P1D, severity: error}
                  - {name: k_fresh_now, table: silver.orders, type: freshness, column: ordered_at, max_age: PT0S, severity: warn}
                  - name: k_custom_sql
                    table: silver.orders
                    type: custom_sql
                    sql: SELECT COUNT(*) FROM silver.orders WHERE payment_method = 'CASH'
                    max_failing: 100000
                    severity: error
                """.formatted(n + 1, n, n));
        CheckSuite suite = CheckSuite.load(yaml);
        f.run(Layer.BRONZE, suite);
        f.run(Layer.SILVER, suite);
        results = f.rows("SELECT * FROM dq.check_results").stream()
                .collect(Collectors.toMap(r -> (String) r.get("CHECK_NAME"), Function.identity()));
    }

    @Test
    @Checklist(id = "E10", points = 3)
    @DisplayName("row-level checks (not_null, unique, accepted_values, range, regex, relationships, expression) "
            + "count exactly the rows that break them")
    void rowLevelChecksCountTheRowsThatBreakThem() {
        Map<Integer, Long> perCity = restaurants.stream().collect(Collectors.groupingBy(Restaurant::cityId,
                Collectors.counting()));
        BigDecimal low = BigDecimal.valueOf(100);
        BigDecimal high = BigDecimal.valueOf(1000);
        long restaurantCount = restaurants.size();
        expect("k_not_null", orders.stream().filter(o -> o.instructions() == null).count(), "WARN");
        expect("k_unique", restaurants.stream().filter(r -> perCity.get(r.cityId()) > 1).count(), "WARN");
        expect("k_unique_ok", 0, "PASS");
        expect("k_accepted", orders.stream().filter(o -> !o.status().equals("DELIVERED")).count(), "WARN");
        expect("k_range", orders.stream().filter(o -> o.total().compareTo(low) < 0 || o.total().compareTo(high) > 0)
                .count(), "FAIL");
        expect("k_regex", customers.stream().filter(c -> !c.email().matches("^[a-m].*")).count(), "WARN");
        expect("k_relationships", orders.stream().filter(o -> o.customerId() > restaurantCount).count(), "WARN");
        expect("k_expression", orders.stream().filter(o -> o.discount().signum() != 0).count(), "WARN");
    }

    @Test
    @Checklist(id = "E11", points = 2)
    @DisplayName("table-level checks (row_count, freshness, custom SQL) compare their measure with the declared "
            + "thresholds")
    void tableLevelChecksCompareWithThresholds() {
        assertThat(status("k_row_count_low")).as("row_count with min = rows + 1 must fail (severity error)")
                .isEqualTo("FAIL");
        assertThat(status("k_row_count_ok")).as("row_count with min = max = rows must pass").isEqualTo("PASS");
        Instant newest = orders.stream().map(Order::orderedAt).max(Instant::compareTo).orElseThrow();
        Instant exportedAt = LocalDate.of(2025, 1, 31).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(Duration.between(newest, exportedAt)).as("fixture: the newest order is a little before the export")
                .isPositive().isLessThan(Duration.ofDays(1));
        assertThat(status("k_fresh_day")).as("freshness: newest order %s is less than a day before the export time "
                + "%s (batch.json)", newest, exportedAt).isEqualTo("PASS");
        assertThat(status("k_fresh_now")).as("freshness with max_age PT0S must warn").isEqualTo("WARN");
        expect("k_custom_sql", orders.stream().filter(o -> o.paymentMethod().equals("CASH")).count(), "PASS");
    }

    private static void expect(String check, long failingRows, String status) {
        assertThat(results).as("dq.check_results should have a row for check %s", check).containsKey(check);
        Map<String, Object> r = results.get(check);
        assertThat(((Number) r.get("FAILING_ROWS")).longValue()).as("failing rows of %s (hint: checks.CheckSql)",
                check).isEqualTo(failingRows);
        assertThat(r.get("STATUS")).as("status of %s (severity %s, %d failing rows)", check, r.get("SEVERITY"),
                failingRows).isEqualTo(status);
    }

    private static Object status(String check) {
        assertThat(results).as("dq.check_results should have a row for check %s", check).containsKey(check);
        return results.get(check).get("STATUS");
    }
}
