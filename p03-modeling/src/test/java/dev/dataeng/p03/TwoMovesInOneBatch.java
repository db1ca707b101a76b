package dev.dataeng.p03;

import dev.dataeng.common.fooddelivery.City;
import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p03.source.DayBatch;
import dev.dataeng.p03.source.GeneratorSource;
import dev.dataeng.p03.warehouse.Warehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-made boundary case on top of the generated days: a customer already in the dimension (loaded on day 1)
 * moves twice within day 2's change feed — to city {@code first} at {@code firstMove}, to city {@code second} at
 * {@code secondMove} — and orders one second before the first move, exactly at each move, and between the moves.
 * The generator never makes a customer move twice in a day nor order at the exact instant of a move.
 */
record TwoMovesInOneBatch(String url, Customer original, int first, int second, Instant firstMove,
        Instant secondMove, Map<Long, Integer> cityAtOrder) {

    static final LocalDate DAY_1 = LocalDate.of(2025, 1, 1);
    static final LocalDate DAY_2 = LocalDate.of(2025, 1, 2);

    static TwoMovesInOneBatch load(Path dir, String name) throws Exception {
        GeneratorSource source = new GeneratorSource(IncrementalLoadTest.CONFIG);
        FoodDeliveryGenerator generator = new FoodDeliveryGenerator(IncrementalLoadTest.CONFIG);
        Warehouse w = new Warehouse(H2.fileUrl(dir, name));
        w.createSchema();
        DayBatch day1 = source.day(DAY_1);
        w.loadDay(day1);

        Customer original = day1.customers().stream()
                .filter(c -> generator.customerVersions(c.customerId()).size() == 1).findFirst()
                .orElseThrow(() -> new IllegalStateException("no customer of day 1 that never moves"));
        List<Integer> others = day1.cities().stream().map(City::cityId).filter(id -> id != original.cityId())
                .limit(2).toList();
        int first = others.get(0);
        int second = others.get(1);
        Instant firstMove = DAY_2.atTime(10, 0).toInstant(ZoneOffset.UTC);
        Instant secondMove = DAY_2.atTime(18, 30).toInstant(ZoneOffset.UTC);
        Customer toFirst = new Customer(original.customerId(), original.name(), original.email(), original.phone(),
                first, original.signupDate(), firstMove);
        Customer toSecond = new Customer(original.customerId(), original.name(), original.email(), original.phone(),
                second, original.signupDate(), secondMove);

        DayBatch day2 = source.day(DAY_2);
        List<Customer> customers = new ArrayList<>(day2.customers().stream()
                .filter(c -> c.customerId() != original.customerId()).toList());
        customers.addAll(List.of(original, toFirst, toSecond));
        long restaurant = day2.restaurants().get(0).restaurantId();
        List<OrderBundle> orders = new ArrayList<>(day2.orders());
        Map<Long, Integer> cityAtOrder = Map.of(
                900_000_001L, original.cityId(), 900_000_002L, first, 900_000_003L, first, 900_000_004L, second);
        List<Instant> at = List.of(firstMove.minusSeconds(1), firstMove, firstMove.plusSeconds(3600), secondMove);
        for (int i = 0; i < at.size(); i++) {
            Order o = new Order(900_000_001L + i, original.customerId(), restaurant, at.get(i), "CANCELLED", "UPI",
                    new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("0.00"),
                    new BigDecimal("120.00"), null, at.get(i));
            orders.add(new OrderBundle(o, List.of(), Optional.empty()));
        }
        try {
            w.loadDay(new DayBatch(DAY_2, day2.cities(), day2.restaurants(), customers, orders));
        } catch (java.sql.SQLException e) {
            throw new AssertionError("loading day 2, where customer " + original.customerId() + " moves twice (at "
                    + firstMove + " and " + secondMove + ") and orders exactly at each move, failed: a key violation "
                    + "here means an order matched two versions of its customer (overlapping versions, or a "
                    + "point-in-time join whose end is inclusive): " + e.getMessage(), e);
        }
        return new TwoMovesInOneBatch(w.jdbcUrl(), original, first, second, firstMove, secondMove, cityAtOrder);
    }

    /** The customer's versions as {@code city [valid_from, valid_to) current?}, oldest first. */
    List<String> versions() {
        return H2.rows(url, "SELECT city_id, valid_from, valid_to, is_current FROM dim_customer WHERE customer_id = "
                + original.customerId() + " ORDER BY valid_from").stream()
                .map(r -> r.get("CITY_ID") + " [" + StarSchemaTest.ts(r.get("VALID_FROM")) + ", "
                        + StarSchemaTest.ts(r.get("VALID_TO")) + ")" + (Boolean.TRUE.equals(r.get("IS_CURRENT"))
                        ? " current" : ""))
                .toList();
    }

    List<String> expectedVersions() {
        String end = StarSchemaTest.ts(java.sql.Timestamp.valueOf("9999-12-31 00:00:00")).toString();
        return List.of(
                original.cityId() + " [" + StarSchemaTest.utc(original.updatedAt()) + ", "
                        + StarSchemaTest.utc(firstMove) + ")",
                first + " [" + StarSchemaTest.utc(firstMove) + ", " + StarSchemaTest.utc(secondMove) + ")",
                second + " [" + StarSchemaTest.utc(secondMove) + ", " + end + ") current");
    }

    /** The city of the customer version each hand-made order's fact points at. */
    Map<Long, Object> cityOfFacts() {
        Map<Long, Object> out = new java.util.TreeMap<>();
        H2.rows(url, "SELECT f.order_id, c.city_id FROM fact_order f LEFT JOIN dim_customer c "
                + "ON c.customer_key = f.customer_key WHERE f.order_id >= 900000001").forEach(r -> out.put(
                ((Number) r.get("ORDER_ID")).longValue(), r.get("CITY_ID")));
        return out;
    }
}
