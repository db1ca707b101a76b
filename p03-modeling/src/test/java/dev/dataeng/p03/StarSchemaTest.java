package dev.dataeng.p03;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The star schema after a full build: grain, keys, calendar, SCD2 history, point-in-time joins. */
class StarSchemaTest {
    static BuiltWarehouse w;

    @BeforeAll
    static void build() {
        w = BuiltWarehouse.get();
    }

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("fact_order has one row per generated order (same totals), fact_order_item one row per order line")
    void factGrainIsOneRowPerOrder() {
        long rows = H2.scalar(w.url(), "SELECT COUNT(*) FROM fact_order");
        long distinct = H2.scalar(w.url(), "SELECT COUNT(DISTINCT order_id) FROM fact_order");
        assertThat(rows).as("fact_order rows vs generated orders in the period (grain: one row per order)")
                .isEqualTo(w.orders().size());
        assertThat(distinct).as("distinct order_id in fact_order; duplicates mean a re-load inserted instead of merged")
                .isEqualTo(rows);
        Map<Long, BigDecimal> totals = new HashMap<>();
        H2.rows(w.url(), "SELECT order_id, total FROM fact_order")
                .forEach(r -> totals.put(((Number) r.get("ORDER_ID")).longValue(), (BigDecimal) r.get("TOTAL")));
        for (OrderBundle b : w.orders()) {
            assertThat(totals.get(b.order().orderId())).as("fact_order.total of order %d", b.order().orderId())
                    .isEqualByComparingTo(b.order().total());
        }
        long lines = w.orders().stream().mapToLong(b -> b.items().size()).sum();
        assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM fact_order_item"))
                .as("fact_order_item rows vs generated order lines (grain: one row per order line)").isEqualTo(lines);
        BigDecimal itemsTotal = w.orders().stream().map(b -> b.order().itemsTotal()).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat((BigDecimal) H2.rows(w.url(), "SELECT SUM(line_amount) AS s FROM fact_order_item").get(0).get("S"))
                .as("sum of line_amount = sum of the orders' items_total (line_amount = quantity * unit_price)")
                .isEqualByComparingTo(itemsTotal);
    }

    @Test
    @Checklist(id = "E2", points = 1)
    @DisplayName("every fact key resolves to a dimension row; dimensions have one row per member plus the unknown -1")
    void surrogateKeysResolve() {
        String[][] joins = {{"customer_key", "dim_customer"}, {"restaurant_key", "dim_restaurant"},
                {"location_key", "dim_location"}, {"date_key", "dim_date"}};
        for (String[] j : joins) {
            long orphans = H2.scalar(w.url(), "SELECT COUNT(*) FROM fact_order f LEFT JOIN " + j[1] + " d ON d."
                    + j[0] + " = f." + j[0] + " WHERE d." + j[0] + " IS NULL");
            assertThat(orphans).as("fact_order rows whose %s has no row in %s", j[0], j[1]).isZero();
        }
        for (String[] unknown : new String[][] {{"dim_customer", "customer_key"}, {"dim_restaurant", "restaurant_key"},
                {"dim_location", "location_key"}}) {
            assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM " + unknown[0] + " WHERE " + unknown[1] + " = -1"))
                    .as("unknown member (-1) row in %s, needed for late-arriving dimensions", unknown[0]).isEqualTo(1);
        }
        assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM dim_restaurant WHERE restaurant_key <> -1"))
                .as("dim_restaurant: one row per restaurant (type 1)").isEqualTo(w.config().restaurantCount());
        assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM dim_location WHERE location_key <> -1"))
                .as("dim_location: one row per city").isEqualTo(w.generator().cities().size());
        assertThat(H2.scalar(w.url(), "SELECT COUNT(DISTINCT customer_id) FROM dim_customer"))
                .as("dim_customer: distinct natural keys").isEqualTo(w.config().customerCount());
        assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM fact_order WHERE customer_key = -1 OR restaurant_key = -1"))
                .as("facts on an unknown member after a complete build (every customer was in the exports)").isZero();
        assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM fact_order f JOIN dim_customer c "
                + "ON c.customer_key = f.customer_key WHERE c.customer_id <> f.customer_id"))
                .as("facts whose customer_key belongs to another customer").isZero();
    }

    @Test
    @Checklist(id = "E3", points = 1)
    @DisplayName("dim_date is a complete calendar with Indian fiscal attributes (FY April-March, named by its end year)")
    void dateDimensionHasFiscalAttributes() {
        List<Map<String, Object>> rows = H2.rows(w.url(), "SELECT * FROM dim_date ORDER BY full_date");
        assertThat(rows).as("dim_date rows for 2025 (every day of each year the facts touch)").hasSize(365);
        LocalDate expected = LocalDate.of(2025, 1, 1);
        for (Map<String, Object> r : rows) {
            LocalDate d = ((java.sql.Date) r.get("FULL_DATE")).toLocalDate();
            assertThat(d).as("dim_date must have no gaps").isEqualTo(expected);
            LocalDate fyStart = LocalDate.of(d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1, 4, 1);
            int fiscalMonth = (int) ChronoUnit.MONTHS.between(fyStart.withDayOfMonth(1), d.withDayOfMonth(1)) + 1;
            assertThat(r.get("DATE_KEY")).as("date_key of %s (yyyymmdd)", d)
                    .isEqualTo(Integer.parseInt(d.toString().replace("-", "")));
            assertThat(r.get("FISCAL_YEAR")).as("fiscal_year of %s (FY2025 = Apr 2024 .. Mar 2025)", d)
                    .isEqualTo(fyStart.getYear() + 1);
            assertThat(r.get("FISCAL_MONTH")).as("fiscal_month of %s (April = 1)", d).isEqualTo(fiscalMonth);
            assertThat(r.get("FISCAL_QUARTER")).as("fiscal_quarter of %s (Apr-Jun = 1)", d)
                    .isEqualTo((fiscalMonth + 2) / 3);
            assertThat(r.get("IS_WEEKEND")).as("is_weekend of %s", d)
                    .isEqualTo(d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
            expected = expected.plusDays(1);
        }
        Map<String, Object> marchEnd = H2.rows(w.url(),
                "SELECT fiscal_year_label, fiscal_quarter FROM dim_date WHERE date_key = 20250331").get(0);
        Map<String, Object> aprilStart = H2.rows(w.url(),
                "SELECT fiscal_year_label, fiscal_quarter FROM dim_date WHERE date_key = 20250401").get(0);
        assertThat(marchEnd).as("2025-03-31 is the last day of FY2024-25").containsEntry("FISCAL_YEAR_LABEL", "FY2024-25")
                .containsEntry("FISCAL_QUARTER", 4);
        assertThat(aprilStart).as("2025-04-01 starts FY2025-26").containsEntry("FISCAL_YEAR_LABEL", "FY2025-26")
                .containsEntry("FISCAL_QUARTER", 1);
    }

    @Test
    @Checklist(id = "E4", points = 2)
    @DisplayName("dim_customer keeps SCD2 history: one version per city, valid_from/valid_to chained, one current")
    void customerDimensionKeepsHistory() {
        Instant endOfPeriod = w.lastDay().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Long, List<Map<String, Object>>> byCustomer = new HashMap<>();
        H2.rows(w.url(), "SELECT customer_id, city_id, valid_from, valid_to, is_current FROM dim_customer "
                + "WHERE customer_key <> -1 ORDER BY customer_id, valid_from")
                .forEach(r -> byCustomer.computeIfAbsent(((Number) r.get("CUSTOMER_ID")).longValue(),
                        k -> new java.util.ArrayList<>()).add(r));
        int movers = 0;
        for (long id = 1; id <= w.config().customerCount(); id++) {
            List<Customer> versions = w.visibleVersions(id).stream()
                    .filter(v -> v.updatedAt().isBefore(endOfPeriod)).toList();
            List<Map<String, Object>> rows = byCustomer.getOrDefault(id, List.of());
            assertThat(rows).as("versions of customer %d in dim_customer (source has %s)", id, versions)
                    .hasSize(versions.size());
            movers += versions.size() > 1 ? 1 : 0;
            for (int i = 0; i < versions.size(); i++) {
                Map<String, Object> row = rows.get(i);
                boolean last = i == versions.size() - 1;
                assertThat(row.get("CITY_ID")).as("city of version %d of customer %d", i + 1, id)
                        .isEqualTo(versions.get(i).cityId());
                assertThat(ts(row.get("VALID_FROM"))).as("valid_from of version %d of customer %d = its change time",
                        i + 1, id).isEqualTo(utc(versions.get(i).updatedAt()));
                assertThat(ts(row.get("VALID_TO"))).as("valid_to of version %d of customer %d: the next version's "
                        + "valid_from, or 9999-12-31 for the current one", i + 1, id)
                        .isEqualTo(last ? LocalDateTime.of(9999, 12, 31, 0, 0) : utc(versions.get(i + 1).updatedAt()));
                assertThat(row.get("IS_CURRENT")).as("is_current of version %d of customer %d", i + 1, id)
                        .isEqualTo(last);
            }
        }
        assertThat(movers).as("customers who moved in the period (the data must exercise SCD2)").isGreaterThan(10);
    }

    @Test
    @Checklist(id = "E5", points = 2)
    @DisplayName("each order points at the customer version valid when it was placed (point-in-time join)")
    void factsPointAtVersionValidAtOrderTime(@TempDir Path dir) throws Exception {
        Map<Long, Integer> cityOfFact = new HashMap<>();
        H2.rows(w.url(), "SELECT f.order_id, c.city_id FROM fact_order f JOIN dim_customer c "
                + "ON c.customer_key = f.customer_key").forEach(r -> cityOfFact.put(
                ((Number) r.get("ORDER_ID")).longValue(), (Integer) r.get("CITY_ID")));
        int afterMove = 0;
        for (OrderBundle b : w.orders()) {
            var o = b.order();
            Customer valid = w.visibleAt(o.customerId(), o.orderedAt());
            assertThat(cityOfFact.get(o.orderId()))
                    .as("city of the dim_customer version order %d (customer %d, placed %s) points at; hint: join "
                            + "on customer_id and valid_from <= ordered_at < valid_to", o.orderId(), o.customerId(),
                            o.orderedAt())
                    .isEqualTo(valid.cityId());
            if (!w.visibleVersions(o.customerId()).get(0).equals(valid)) {
                afterMove++;
            }
        }
        assertThat(afterMove).as("orders placed after their customer moved (the check must see some)").isGreaterThan(20);

        // the boundary the generated data never hits: an order placed at the very instant of a move belongs to the
        // new version (valid_from <= ordered_at < valid_to: the start is inclusive, the end exclusive)
        TwoMovesInOneBatch m = TwoMovesInOneBatch.load(dir, "instant");
        assertThat(m.cityOfFacts()).as("city of the customer version each order of customer %d points at (orders "
                + "1 s before its move to city %d at %s, exactly at that move, 1 h later, and exactly at its move to "
                + "city %d at %s); hint: valid_from <= ordered_at AND ordered_at < valid_to",
                m.original().customerId(), m.first(), m.firstMove(), m.second(), m.secondMove())
                .isEqualTo(new java.util.TreeMap<>(m.cityAtOrder()));
    }

    static LocalDateTime ts(Object jdbcTimestamp) {
        return ((java.sql.Timestamp) jdbcTimestamp).toLocalDateTime();
    }

    static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
