package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p02.pipeline.Layer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldTest {

    @TempDir
    Path dir;

    /** Expected measures of one group, computed from the generator. */
    static final class Measures {
        long orders;
        long delivered;
        BigDecimal gmv = BigDecimal.ZERO;
        long deliverySeconds;
        long timed;

        List<String> asText() {
            String avg = timed == 0 ? "null" : BigDecimal.valueOf(deliverySeconds)
                    .divide(BigDecimal.valueOf(timed * 60), 2, RoundingMode.HALF_UP).toPlainString();
            return List.of(String.valueOf(orders), String.valueOf(delivered), Values.norm(gmv), avg);
        }
    }

    @Test
    @Checklist(id = "E15", points = 2)
    @DisplayName("gold daily aggregates per restaurant and per city (orders, GMV, average delivery time) match an "
            + "independent computation")
    void dailyAggregatesMatchAnIndependentComputation() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(91), 0.1), Dirt.NONE);
        f.run(Layer.ALL);
        FoodDeliveryGenerator g = f.generator();
        Map<String, Measures> perRestaurant = new TreeMap<>();
        Map<String, Measures> perCity = new TreeMap<>();
        for (OrderBundle b : g.orders().toList()) {
            Order o = b.order();
            LocalDate day = o.orderedAt().atZone(ZoneOffset.UTC).toLocalDate();
            String city = FoodDeliveryGenerator.CITIES.get(g.restaurant(o.restaurantId()).cityId() - 1).name();
            for (Measures m : List.of(perRestaurant.computeIfAbsent(day + " " + o.restaurantId(), k -> new Measures()),
                    perCity.computeIfAbsent(day + " " + city, k -> new Measures()))) {
                m.orders++;
                if (o.status().equals("DELIVERED")) {
                    m.delivered++;
                    m.gmv = m.gmv.add(o.total());
                    if (b.delivery().isPresent()) {
                        m.deliverySeconds += Duration.between(o.orderedAt(), b.delivery().get().deliveredAt())
                                .getSeconds();
                        m.timed++;
                    }
                }
            }
        }
        assertThat(gold(f, "SELECT order_date, restaurant_id, orders, delivered_orders, gmv, avg_delivery_minutes "
                + "FROM gold.daily_restaurant_orders")).as("gold.daily_restaurant_orders as 'date restaurant' -> "
                + "[orders, delivered, gmv, avg minutes] (hint: gold.GoldBuilder; GMV counts DELIVERED orders only)")
                .isEqualTo(expected(perRestaurant));
        assertThat(gold(f, "SELECT order_date, city, orders, delivered_orders, gmv, avg_delivery_minutes "
                + "FROM gold.daily_city_orders")).as("gold.daily_city_orders as 'date city' -> [orders, delivered, "
                + "gmv, avg minutes]; the city is the restaurant's").isEqualTo(expected(perCity));
    }

    private static Map<String, List<String>> expected(Map<String, Measures> measures) {
        Map<String, List<String>> out = new TreeMap<>();
        measures.forEach((k, m) -> out.put(k, m.asText()));
        return out;
    }

    private static Map<String, List<String>> gold(Fixture f, String sql) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map<String, Object> r : f.rows(sql)) {
            List<Object> v = List.copyOf(r.values().stream().map(x -> x == null ? "null" : x).toList());
            out.put(Values.norm(v.get(0)) + " " + v.get(1), List.of(String.valueOf(v.get(2)), String.valueOf(v.get(3)),
                    Values.norm(v.get(4)), v.get(5) instanceof BigDecimal avg
                            ? avg.setScale(2, RoundingMode.HALF_UP).toPlainString() : "null"));
        }
        return out;
    }
}
