package dev.dataeng.p03;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.Restaurant;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p03.query.QueryCatalog;
import dev.dataeng.p03.query.QueryResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each named query's answer against the same answer computed in plain Java from the generator's data (orders,
 * restaurants, customer versions), never from the warehouse's tables.
 */
class AnalyticalQueriesTest {
    static BuiltWarehouse w;
    static Map<Long, Restaurant> restaurants;
    static List<Order> delivered;

    @BeforeAll
    static void build() {
        w = BuiltWarehouse.get();
        restaurants = w.generator().restaurants().collect(Collectors.toMap(Restaurant::restaurantId, r -> r));
        delivered = w.orders().stream().map(OrderBundle::order).filter(o -> o.status().equals("DELIVERED")).toList();
    }

    static QueryResult run(String name) throws Exception {
        try (Connection c = H2.connect(w.url())) {
            return QueryCatalog.run(c, name);
        }
    }

    static String city(int cityId) {
        return FoodDeliveryGenerator.CITIES.get(cityId - 1).name();
    }

    static String month(Instant at) {
        return YearMonth.from(LocalDateTime.ofInstant(at, ZoneOffset.UTC)).toString();
    }

    static long num(Object jdbc) {
        return ((Number) jdbc).longValue();
    }

    static BigDecimal dec(Object jdbc) {
        return new BigDecimal(jdbc.toString());
    }

    @Test
    @Checklist(id = "E11", points = 2)
    @DisplayName("gmv_by_city_month: GMV and orders per city and month, with city, month and grand-total subtotals")
    void gmvByCityAndMonth() throws Exception {
        Map<List<String>, BigDecimal> gmv = new HashMap<>();
        Map<List<String>, Long> orders = new HashMap<>();
        for (Order o : delivered) {
            String city = city(restaurants.get(o.restaurantId()).cityId());
            String month = month(o.orderedAt());
            for (List<String> key : List.of(Arrays.asList("city_month", city, month), Arrays.asList("city", city, null),
                    Arrays.asList("month", null, month), Arrays.<String>asList("total", null, null))) {
                gmv.merge(key, o.total(), BigDecimal::add);
                orders.merge(key, 1L, Long::sum);
            }
        }
        QueryResult result = run("gmv_by_city_month");
        Map<List<String>, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < result.rows().size(); i++) {
            rowOf.put(Arrays.asList((String) result.value(i, "grouping_level"), (String) result.value(i, "city_name"),
                    (String) result.value(i, "year_month")), i);
        }
        assertThat(rowOf.keySet()).as("(grouping_level, city_name, year_month) rows: one per city and month, per "
                + "city, per month, and one grand total").isEqualTo(gmv.keySet());
        for (var e : gmv.entrySet()) {
            int i = rowOf.get(e.getKey());
            assertThat(dec(result.value(i, "gmv"))).as("gmv of %s (DELIVERED orders' totals, city of the restaurant)",
                    e.getKey()).isEqualByComparingTo(e.getValue());
            assertThat(num(result.value(i, "orders"))).as("orders of %s", e.getKey()).isEqualTo(orders.get(e.getKey()));
        }
    }

    @Test
    @Checklist(id = "E12", points = 1)
    @DisplayName("top_restaurants_per_cuisine: the 3 highest-GMV restaurants of each cuisine, ranked, with their share")
    void topRestaurantsPerCuisine() throws Exception {
        List<List<Object>> expected = expectedTopRestaurants();
        QueryResult result = run("top_restaurants_per_cuisine");
        assertThat(result.rows()).as("rows: 3 per cuisine").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            List<Object> e = expected.get(i);
            assertThat(result.value(i, "cuisine")).as("cuisine of row %d", i).isEqualTo(e.get(0));
            assertThat(num(result.value(i, "rank_in_cuisine"))).as("rank of row %d", i).isEqualTo((long) (int) e.get(1));
            assertThat(num(result.value(i, "restaurant_id"))).as("restaurant at rank %s of %s (ties: lower id first)",
                    e.get(1), e.get(0)).isEqualTo((long) e.get(2));
            assertThat(num(result.value(i, "orders"))).as("orders of restaurant %s", e.get(2)).isEqualTo((long) e.get(3));
            assertThat(dec(result.value(i, "gmv"))).as("gmv of restaurant %s", e.get(2))
                    .isEqualByComparingTo((BigDecimal) e.get(4));
            assertThat(dec(result.value(i, "share_of_cuisine_pct"))).as("share of its cuisine's GMV, restaurant %s",
                    e.get(2)).isCloseTo((BigDecimal) e.get(5), within(new BigDecimal("0.01")));
        }
    }

    /** (cuisine, rank, restaurant_id, orders, gmv, share %) computed from the source orders. */
    static List<List<Object>> expectedTopRestaurants() {
        Map<Long, BigDecimal> gmv = new HashMap<>();
        Map<Long, Long> orders = new HashMap<>();
        for (Order o : delivered) {
            gmv.merge(o.restaurantId(), o.total(), BigDecimal::add);
            orders.merge(o.restaurantId(), 1L, Long::sum);
        }
        Map<String, List<Long>> byCuisine = new TreeMap<>();
        gmv.keySet().forEach(id -> byCuisine.computeIfAbsent(restaurants.get(id).cuisine(), k -> new ArrayList<>())
                .add(id));
        List<List<Object>> rows = new ArrayList<>();
        byCuisine.forEach((cuisine, ids) -> {
            BigDecimal cuisineTotal = ids.stream().map(gmv::get).reduce(BigDecimal.ZERO, BigDecimal::add);
            ids.sort(Comparator.comparing((Long id) -> gmv.get(id)).reversed().thenComparing(Function.identity()));
            for (int rank = 1; rank <= Math.min(3, ids.size()); rank++) {
                long id = ids.get(rank - 1);
                rows.add(List.of(cuisine, rank, id, orders.get(id), gmv.get(id), gmv.get(id)
                        .multiply(BigDecimal.valueOf(100)).divide(cuisineTotal, 2, RoundingMode.HALF_UP)));
            }
        });
        return rows;
    }

    @Test
    @Checklist(id = "E13", points = 1)
    @DisplayName("repeat_customer_rate: per month and overall, customers with 2+ delivered orders among those with 1+")
    void repeatCustomerRate() throws Exception {
        Map<String, Map<Long, Long>> perPeriod = new TreeMap<>();
        for (Order o : delivered) {
            perPeriod.computeIfAbsent(month(o.orderedAt()), k -> new HashMap<>()).merge(o.customerId(), 1L, Long::sum);
            perPeriod.computeIfAbsent("ALL", k -> new HashMap<>()).merge(o.customerId(), 1L, Long::sum);
        }
        QueryResult result = run("repeat_customer_rate");
        assertThat(result.rows().stream().map(r -> r.get(0)).toList()).as("periods (months, then ALL)")
                .containsExactlyElementsOf(perPeriod.keySet());
        int i = 0;
        for (var e : perPeriod.entrySet()) {
            long customers = e.getValue().size();
            long repeat = e.getValue().values().stream().filter(n -> n >= 2).count();
            assertThat(num(result.value(i, "customers"))).as("customers with a delivered order in %s (count "
                    + "customer_id, not customer_key: a mover has two versions)", e.getKey()).isEqualTo(customers);
            assertThat(num(result.value(i, "repeat_customers"))).as("repeat customers in %s", e.getKey())
                    .isEqualTo(repeat);
            assertThat(dec(result.value(i, "repeat_rate")).doubleValue()).as("repeat rate in %s", e.getKey())
                    .isCloseTo((double) repeat / customers, within(0.0001));
            i++;
        }
    }

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("cohort_retention: per first-order month, active customers and retention in each following month")
    void cohortRetention() throws Exception {
        Map<Long, Set<YearMonth>> months = new HashMap<>();
        for (Order o : delivered) {
            months.computeIfAbsent(o.customerId(), k -> new TreeSet<>()).add(YearMonth.parse(month(o.orderedAt())));
        }
        Map<List<Object>, Long> active = new TreeMap<>(Comparator.comparing((List<Object> k) -> (String) k.get(0))
                .thenComparing(k -> (Long) k.get(1)));
        for (Set<YearMonth> ms : months.values()) {
            YearMonth cohort = ((TreeSet<YearMonth>) ms).first();
            for (YearMonth m : ms) {
                active.merge(List.of(cohort.toString(), (long) (m.getYear() * 12 + m.getMonthValue()
                        - cohort.getYear() * 12 - cohort.getMonthValue())), 1L, Long::sum);
            }
        }
        QueryResult result = run("cohort_retention");
        assertThat(result.rows()).as("rows: one per (cohort_month, months_since_first) with activity")
                .hasSize(active.size());
        int i = 0;
        for (var e : active.entrySet()) {
            long size = active.get(List.of(e.getKey().get(0), 0L));
            assertThat(List.of(result.value(i, "cohort_month"), num(result.value(i, "months_since_first"))))
                    .as("row %d (ordered by cohort, then months since first order)", i).isEqualTo(e.getKey());
            assertThat(num(result.value(i, "active_customers"))).as("active customers of %s", e.getKey())
                    .isEqualTo(e.getValue());
            assertThat(num(result.value(i, "cohort_size"))).as("cohort size of %s", e.getKey().get(0)).isEqualTo(size);
            assertThat(dec(result.value(i, "retention")).doubleValue()).as("retention of %s", e.getKey())
                    .isCloseTo((double) e.getValue() / size, within(0.0001));
            i++;
        }
    }

    @Test
    @Checklist(id = "E15", points = 1)
    @DisplayName("avg_delivery_time_by_hour: delivered orders and average minutes to the door per hour of the order")
    void averageDeliveryTimeByHour() throws Exception {
        Map<Integer, long[]> perHour = new TreeMap<>(); // hour -> {count, seconds}
        for (OrderBundle b : w.orders()) {
            if (b.delivery().isPresent()) {
                int hour = LocalDateTime.ofInstant(b.order().orderedAt(), ZoneOffset.UTC).getHour();
                long seconds = Duration.between(b.order().orderedAt(), b.delivery().get().deliveredAt()).toSeconds();
                long[] acc = perHour.computeIfAbsent(hour, h -> new long[2]);
                acc[0]++;
                acc[1] += seconds;
            }
        }
        QueryResult result = run("avg_delivery_time_by_hour");
        assertThat(result.rows().stream().map(r -> num(r.get(0))).toList()).as("hours with deliveries")
                .containsExactlyElementsOf(perHour.keySet().stream().map(Integer::longValue).toList());
        int i = 0;
        for (var e : perHour.entrySet()) {
            double avg = e.getValue()[1] / 60.0 / e.getValue()[0];
            long slower = perHour.values().stream().filter(a -> a[1] / 60.0 / a[0] > avg + 1e-9).count();
            assertThat(num(result.value(i, "delivered_orders"))).as("orders with a delivery placed in hour %d",
                    e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(dec(result.value(i, "avg_delivery_minutes")).doubleValue())
                    .as("average minutes from order to delivery, hour %d", e.getKey()).isCloseTo(avg, within(0.006));
            assertThat(num(result.value(i, "slowest_rank"))).as("rank from slowest of hour %d", e.getKey())
                    .isEqualTo(slower + 1);
            i++;
        }
    }

    @Test
    @Checklist(id = "E16", points = 1)
    @DisplayName("customers_who_moved: each move with old and new city, when, and the orders placed before and after")
    void customersWhoMoved() throws Exception {
        Instant end = w.lastDay().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Long, List<Order>> ordersOf = w.orders().stream().map(OrderBundle::order)
                .collect(Collectors.groupingBy(Order::customerId));
        List<List<Object>> expected = new ArrayList<>();
        for (long id = 1; id <= w.config().customerCount(); id++) {
            List<Customer> v = w.visibleVersions(id);
            if (v.size() == 2 && v.get(1).updatedAt().isBefore(end)) {
                Instant moved = v.get(1).updatedAt();
                List<Order> os = ordersOf.getOrDefault(id, List.of());
                long before = os.stream().filter(o -> o.orderedAt().isBefore(moved)).count();
                expected.add(List.of(id, city(v.get(0).cityId()), city(v.get(1).cityId()),
                        LocalDateTime.ofInstant(moved, ZoneOffset.UTC), before, os.size() - before));
            }
        }
        expected.sort(Comparator.comparing((List<Object> r) -> (LocalDateTime) r.get(3))
                .thenComparing(r -> (Long) r.get(0)));
        QueryResult result = run("customers_who_moved");
        List<List<Object>> actual = new ArrayList<>();
        for (int i = 0; i < result.rows().size(); i++) {
            actual.add(List.of(num(result.value(i, "customer_id")), result.value(i, "from_city"),
                    result.value(i, "to_city"), ((java.sql.Timestamp) result.value(i, "moved_at")).toLocalDateTime(),
                    num(result.value(i, "orders_before_move")), num(result.value(i, "orders_after_move"))));
        }
        assertThat(expected).as("the data must contain moves").hasSizeGreaterThan(10);
        assertThat(actual).as("(customer_id, from_city, to_city, moved_at, orders_before_move, orders_after_move) "
                + "ordered by moved_at, customer_id").containsExactlyElementsOf(expected);
    }
}
