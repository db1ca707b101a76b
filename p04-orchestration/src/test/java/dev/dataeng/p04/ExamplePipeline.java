package dev.dataeng.p04;

import dev.dataeng.common.grading.GradingSeed;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.testkit.H2;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The example DAGs on a temp folder, fake time, and an API that fails now and then; plus expected values. */
final class ExamplePipeline {
    static final long SEED = GradingSeed.of(7);
    static final double SCALE = 0.3; // 100 orders a day: 4 pages of 25
    static final int PAGE_SIZE = 25;
    static final double FAILURE_RATE = 0.3;

    static Environment open(Path dir, FakeTime time) {
        return new Environment(dir, null, null, SEED, SCALE, FAILURE_RATE, PAGE_SIZE, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofHours(1), time, time);
    }

    static String warehouse(Environment env) {
        return env.config().warehouseUrl();
    }

    /** Expected {@code daily_city_sales} rows of a day, computed from the generator without the pipeline. */
    static List<String> expectedDailyCitySales(LocalDate day) {
        FoodDeliveryGenerator generator = new FoodDeliveryGenerator(GeneratorConfig.of(SEED, SCALE));
        Map<Integer, long[]> counts = new TreeMap<>();
        Map<Integer, BigDecimal> revenue = new TreeMap<>();
        generator.ordersOn(day).forEach(b -> {
            Order o = b.order();
            int city = generator.restaurant(o.restaurantId()).cityId();
            long[] c = counts.computeIfAbsent(city, k -> new long[2]);
            c[0]++;
            revenue.putIfAbsent(city, BigDecimal.ZERO.setScale(2));
            if (o.status().equals("DELIVERED")) {
                c[1]++;
                revenue.merge(city, o.total(), BigDecimal::add);
            }
        });
        List<String> rows = new ArrayList<>();
        counts.forEach((city, c) -> rows.add(day + "|" + city + "|" + c[0] + "|" + c[1] + "|"
                + revenue.get(city).setScale(2).toPlainString()));
        return rows;
    }

    static long expectedOrders(LocalDate day) {
        return new FoodDeliveryGenerator(GeneratorConfig.of(SEED, SCALE)).ordersOn(day).count();
    }

    /** The {@code daily_city_sales} rows of a day, in the same shape as {@link #expectedDailyCitySales}. */
    static List<String> dailyCitySales(Environment env, LocalDate day) {
        return H2.rows(warehouse(env), "SELECT order_date, city_id, orders, delivered_orders, delivered_revenue "
                + "FROM daily_city_sales WHERE order_date = DATE '" + day + "' ORDER BY city_id").stream()
                .map(r -> r.get("ORDER_DATE") + "|" + r.get("CITY_ID") + "|" + r.get("ORDERS") + "|"
                        + r.get("DELIVERED_ORDERS") + "|" + ((BigDecimal) r.get("DELIVERED_REVENUE")).toPlainString())
                .toList();
    }

    /** Every row of both warehouse tables, as text: equal snapshots mean equal data. */
    static List<String> snapshot(Environment env) {
        List<String> rows = new ArrayList<>();
        H2.rows(warehouse(env), "SELECT * FROM orders ORDER BY order_id").forEach(r -> rows.add(r.toString()));
        H2.rows(warehouse(env), "SELECT * FROM daily_city_sales ORDER BY order_date, city_id")
                .forEach(r -> rows.add(r.toString()));
        return rows;
    }

    private ExamplePipeline() {
    }
}
