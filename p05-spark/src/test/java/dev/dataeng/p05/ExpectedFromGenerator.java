package dev.dataeng.p05;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The curated tables of one day recomputed in plain Java from the generator: no Spark involved. */
final class ExpectedFromGenerator {
    record CityDay(long orders, BigDecimal gmv) {
    }

    record Ranked(int rank, long restaurantId, BigDecimal gmv, double share, double cumulativeShare) {
    }

    record Percentiles(long deliveries, double p50, double p90, double p99) {
    }

    private final List<OrderBundle> day;
    private final FoodDeliveryGenerator generator;
    private final Map<Long, Integer> cityOfRestaurant = new HashMap<>();

    ExpectedFromGenerator(FoodDeliveryGenerator generator, LocalDate date) {
        this.generator = generator;
        this.day = generator.ordersOn(date).toList();
    }

    private int city(long restaurantId) {
        return cityOfRestaurant.computeIfAbsent(restaurantId, id -> generator.restaurant(id).cityId());
    }

    Map<Integer, CityDay> gmvByCity() {
        Map<Integer, CityDay> out = new TreeMap<>();
        for (OrderBundle b : day) {
            Order o = b.order();
            if (o.status().equals("DELIVERED")) {
                out.merge(city(o.restaurantId()), new CityDay(1, o.total()),
                        (x, y) -> new CityDay(x.orders() + y.orders(), x.gmv().add(y.gmv())));
            }
        }
        return out;
    }

    Map<Integer, List<Ranked>> rankings(int topN) {
        Map<Integer, Map<Long, BigDecimal>> byCity = new TreeMap<>();
        for (OrderBundle b : day) {
            Order o = b.order();
            if (o.status().equals("DELIVERED")) {
                byCity.computeIfAbsent(city(o.restaurantId()), c -> new HashMap<>())
                        .merge(o.restaurantId(), o.total(), BigDecimal::add);
            }
        }
        Map<Integer, List<Ranked>> out = new TreeMap<>();
        byCity.forEach((city, gmvs) -> {
            double total = gmvs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
            List<Map.Entry<Long, BigDecimal>> sorted = new ArrayList<>(gmvs.entrySet());
            sorted.sort(Map.Entry.<Long, BigDecimal>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            List<Ranked> top = new ArrayList<>();
            BigDecimal running = BigDecimal.ZERO;
            for (int i = 0; i < Math.min(topN, sorted.size()); i++) {
                var e = sorted.get(i);
                running = running.add(e.getValue());
                top.add(new Ranked(i + 1, e.getKey(), e.getValue(), e.getValue().doubleValue() / total,
                        running.doubleValue() / total));
            }
            out.put(city, top);
        });
        return out;
    }

    Map<Integer, Percentiles> deliveryPercentiles() {
        Map<Integer, List<Double>> minutes = new TreeMap<>();
        for (OrderBundle b : day) {
            b.delivery().ifPresent(d -> minutes.computeIfAbsent(city(b.order().restaurantId()), c -> new ArrayList<>())
                    .add(Duration.between(b.order().orderedAt(), d.deliveredAt()).getSeconds() / 60.0));
        }
        Map<Integer, Percentiles> out = new TreeMap<>();
        minutes.forEach((city, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.put(city, new Percentiles(sorted.length, interpolated(sorted, 0.5), interpolated(sorted, 0.9),
                    interpolated(sorted, 0.99)));
        });
        return out;
    }

    /** The exact percentile with linear interpolation between the two nearest ranks. */
    static double interpolated(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
