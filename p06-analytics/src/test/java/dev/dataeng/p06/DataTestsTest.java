package dev.dataeng.p06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p06.testing.TestResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped project's data tests on dirty raw data. The export's report says exactly which records are dirty and
 * how, so each test's failing-row count is known in advance.
 */
class DataTestsTest {

    @TempDir
    static Path tmp;

    static Fixture fixture;
    static ExportReport orders;
    static ExportReport deliveries;
    static Map<String, TestResult> results;
    static long blankedByTheTest;

    @BeforeAll
    static void buildThenTestOnDirtyData() {
        fixture = new Fixture(tmp);
        List<ExportReport> reports = fixture.seed(30, Map.of(
                "orders", Dirt.of(0.04, DirtKind.DUPLICATE, DirtKind.ORPHAN_KEY, DirtKind.UNKNOWN_CODE,
                        DirtKind.MISSING_REQUIRED),
                "deliveries", Dirt.of(0.02, DirtKind.DELIVERY_BEFORE_PICKUP)));
        orders = reports.stream().filter(r -> r.table().equals("orders")).findFirst().orElseThrow();
        deliveries = reports.stream().filter(r -> r.table().equals("deliveries")).findFirst().orElseThrow();
        blankOneCustomerId();
        try (Analytics a = fixture.open()) {
            a.run("");
            results = a.test("").stream().collect(Collectors.toMap(TestResult::name, Function.identity()));
        }
    }

    /**
     * MISSING_REQUIRED dirt empties a random required column, so under some {@code -Dgrading.seed} no order misses its
     * customer_id (seed 7). E5 must have such a row under every seed: blank the customer_id of one clean order (an
     * order id seen once, in no dirty record) in the raw table, and count it as missing.
     */
    private static void blankOneCustomerId() {
        String dirtyKeys = orders.dirty().stream().map(d -> "'" + d.key().replace("'", "''") + "'").distinct()
                .collect(Collectors.joining(", ", "(", ")"));
        long orderId = H2.scalar(fixture.url, "select min(cast(order_id as bigint)) from raw.orders o"
                + " where customer_id is not null and order_id not in " + (dirtyKeys.equals("()") ? "('')" : dirtyKeys)
                + " and (select count(*) from raw.orders d where d.order_id = o.order_id) = 1");
        try (Connection c = H2.connect(fixture.url); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("update raw.orders set customer_id = null where order_id = '" + orderId + "'"))
                    .as("fixture: one clean order loses its customer_id").isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        blankedByTheTest = 1;
    }

    private static TestResult result(String name) {
        assertThat(results).as("a test named %s must run (declared in models/staging/_staging.yml); ran: %s", name,
                new TreeSet<>(results.keySet())).containsKey(name);
        return results.get(name);
    }

    private static List<DirtyRecord> dirty(ExportReport report, DirtKind kind, String column) {
        return report.dirty().stream().filter(d -> d.kind() == kind && (column == null || d.column().equals(column)))
                .toList();
    }

    @Test
    @Checklist(id = "E4", points = 2)
    @DisplayName("unique fails with one row per duplicated key, and shows duplicated keys as its sample")
    void uniqueCountsDuplicatedKeys() {
        Set<String> duplicated = dirty(orders, DirtKind.DUPLICATE, null).stream().map(DirtyRecord::key)
                .collect(Collectors.toSet());
        assertThat(duplicated).as("fixture: the export must hold duplicates").isNotEmpty();
        TestResult r = result("unique_stg_orders_order_id");
        assertThat(r.status()).isEqualTo(TestResult.Status.FAIL);
        assertThat(r.failures()).as("dbt's unique returns one row per value seen more than once; the export "
                + "duplicated %s (hint: TestPlanner.genericSql)", duplicated).isEqualTo(duplicated.size());
        assertThat(r.sample()).as("sample of failing rows").isNotEmpty().hasSizeLessThanOrEqualTo(5)
                .allSatisfy(row -> assertThat(duplicated).contains(String.valueOf(row.get("unique_field"))));
        assertThat(result("unique_stg_customers_customer_id").status()).as("clean customers pass")
                .isEqualTo(TestResult.Status.PASS);
    }

    @Test
    @Checklist(id = "E5", points = 2)
    @DisplayName("not_null fails with exactly the rows whose column is empty")
    void notNullCountsNullRows() {
        long missing = dirty(orders, DirtKind.MISSING_REQUIRED, "customer_id").size() + blankedByTheTest;
        assertThat(missing).as("fixture: some orders miss their customer_id").isPositive();
        TestResult r = result("not_null_stg_orders_customer_id");
        assertThat(r.failures()).as("rows of stg_orders with customer_id null").isEqualTo(missing);
        assertThat(r.status()).isEqualTo(TestResult.Status.FAIL);
        assertThat(r.sample()).allSatisfy(row -> assertThat(row.get("customer_id")).isNull());
        assertThat(result("not_null_stg_cities_city_id").status()).isEqualTo(TestResult.Status.PASS);
    }

    @Test
    @Checklist(id = "E6", points = 2)
    @DisplayName("accepted_values fails with one row per value outside the list")
    void acceptedValuesListsUnknownCodes() throws IOException {
        Set<String> unknown = new TreeSet<>();
        try (Reader in = Files.newBufferedReader(tmp.resolve("raw-export/orders.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String status = rec.get("status").strip().toUpperCase(Locale.ROOT);
                if (!status.isEmpty() && !Order.STATUSES.contains(status)) {
                    unknown.add(status);
                }
            }
        }
        assertThat(unknown).as("fixture: the export holds unknown statuses").isNotEmpty();
        TestResult r = result("accepted_values_stg_orders_status__DELIVERED__CANCELLED__REFUNDED");
        assertThat(r.failures()).as("distinct statuses outside DELIVERED, CANCELLED, REFUNDED: %s", unknown)
                .isEqualTo(unknown.size());
        assertThat(r.sample()).extracting(row -> String.valueOf(row.get("value_field")))
                .allSatisfy(v -> assertThat(unknown).contains(v));
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("relationships fails with every row whose key has no parent row")
    void relationshipsCountsOrphans() {
        List<DirtyRecord> orphans = dirty(orders, DirtKind.ORPHAN_KEY, "customer_id");
        assertThat(orphans).as("fixture: some orders point at customers that do not exist").isNotEmpty();
        TestResult r = result("relationships_stg_orders_customer_id__customer_id__ref_stg_customers_");
        assertThat(r.failures()).as("orders whose customer_id is in no row of stg_customers").isEqualTo(orphans.size());
        Set<Long> customerIds = dev.dataeng.common.testkit.H2.rows(fixture.url,
                "select customer_id from analytics.stg_customers").stream()
                .map(m -> ((Number) m.get("CUSTOMER_ID")).longValue()).collect(Collectors.toSet());
        assertThat(r.sample()).isNotEmpty().allSatisfy(row ->
                assertThat(customerIds).doesNotContain(((Number) row.get("from_field")).longValue()));
        assertThat(result("relationships_stg_restaurants_city_id__city_id__ref_stg_cities_").status())
                .isEqualTo(TestResult.Status.PASS);
    }

    @Test
    @Checklist(id = "E8", points = 2)
    @DisplayName("a singular SQL test under tests/ fails with the rows its query returns")
    void singularTest() {
        Set<String> backwards = dirty(deliveries, DirtKind.DELIVERY_BEFORE_PICKUP, null).stream()
                .map(DirtyRecord::key).collect(Collectors.toSet());
        assertThat(backwards).as("fixture: some deliveries end before they start").isNotEmpty();
        TestResult r = result("assert_delivered_after_pickup");
        assertThat(r.status()).isEqualTo(TestResult.Status.FAIL);
        assertThat(r.failures()).as("deliveries with delivered_at < picked_up_at").isEqualTo(backwards.size());
        assertThat(r.sample()).extracting(row -> String.valueOf(row.get("order_id")))
                .allSatisfy(id -> assertThat(backwards).contains(id));
        assertThat(result("assert_order_total_balances").status()).as("a singular test with no failing rows passes")
                .isEqualTo(TestResult.Status.PASS);
    }

    @Test
    @Checklist(id = "E9", points = 2)
    @DisplayName("build stops downstream of a failing test: those models are skipped, the CLI exits 1")
    void buildSkipsDownstreamOfFailingTests(@TempDir Path other) {
        Fixture f = new Fixture(other);
        f.seed(10, Map.of("orders", Dirt.of(0.05, DirtKind.DUPLICATE)));
        int exit = Cli.execute("build", "--project-dir", Fixture.PROJECT.toString(), "--jdbc-url", f.url,
                "--target-path", other.resolve("target").toString());
        assertThat(exit).as("exit code of build when a test fails").isEqualTo(1);
        assertThat(f.exists("analytics", "stg_orders")).as("stg_orders itself is built").isTrue();
        assertThat(f.exists("analytics", "fct_orders"))
                .as("fct_orders reads stg_orders, whose unique test failed: build must skip it").isFalse();
        assertThat(f.exists("analytics", "mart_city_daily_revenue")).isFalse();
        assertThat(f.exists("analytics", "dim_restaurants")).as("a branch of the DAG that passed is built").isTrue();
    }
}
