package dev.dataeng.p05.generate;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;

import dev.dataeng.common.fooddelivery.City;
import dev.dataeng.common.fooddelivery.Delivery;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.Restaurant;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** The curated input tables' schemas and how a generated entity becomes a Row of them. */
public final class Schemas {
    private Schemas() {
    }

    /** One row per order, with its delivery flattened in (null when cancelled); partitioned by order_date. */
    public static final StructType ORDERS = new StructType()
            .add("order_id", LongType, false)
            .add("customer_id", LongType, false)
            .add("restaurant_id", LongType, false)
            .add("ordered_at", TimestampType, false)
            .add("status", StringType, false)
            .add("payment_method", StringType, false)
            .add("items_total", createDecimalType(10, 2), false)
            .add("delivery_fee", createDecimalType(10, 2), false)
            .add("discount", createDecimalType(10, 2), false)
            .add("total", createDecimalType(10, 2), false)
            .add("rider_id", LongType, true)
            .add("picked_up_at", TimestampType, true)
            .add("delivered_at", TimestampType, true)
            .add("distance_km", createDecimalType(4, 1), true)
            .add("order_date", DateType, false);

    public static final StructType RESTAURANTS = new StructType()
            .add("restaurant_id", LongType, false)
            .add("name", StringType, false)
            .add("city_id", IntegerType, false)
            .add("cuisine", StringType, false)
            .add("rating", createDecimalType(2, 1), false)
            .add("cost_for_two", IntegerType, false);

    public static final StructType CITIES = new StructType()
            .add("city_id", IntegerType, false)
            .add("city", StringType, false)
            .add("state", StringType, false)
            .add("tier", IntegerType, false);

    public static Row order(OrderBundle bundle) {
        Order o = bundle.order();
        Delivery d = bundle.delivery().orElse(null);
        return RowFactory.create(o.orderId(), o.customerId(), o.restaurantId(), o.orderedAt(), o.status(),
                o.paymentMethod(), o.itemsTotal(), o.deliveryFee(), o.discount(), o.total(),
                d == null ? null : d.riderId(), d == null ? null : d.pickedUpAt(),
                d == null ? null : d.deliveredAt(), d == null ? null : d.distanceKm(),
                o.orderedAt().atZone(ZoneOffset.UTC).toLocalDate());
    }

    public static Row restaurant(Restaurant r) {
        return RowFactory.create(r.restaurantId(), r.name(), r.cityId(), r.cuisine(), r.rating(), r.costForTwo());
    }

    public static Row city(City c) {
        return RowFactory.create(c.cityId(), c.name(), c.state(), c.tier());
    }
}
