package dev.dataeng.common.fooddelivery;

import static dev.dataeng.common.fooddelivery.ColumnType.BOOLEAN;
import static dev.dataeng.common.fooddelivery.ColumnType.DATE;
import static dev.dataeng.common.fooddelivery.ColumnType.DECIMAL;
import static dev.dataeng.common.fooddelivery.ColumnType.INTEGER;
import static dev.dataeng.common.fooddelivery.ColumnType.STRING;
import static dev.dataeng.common.fooddelivery.ColumnType.TIMESTAMP;

import java.util.List;

/** The six raw exports of the food-delivery platform. */
public final class RawTables {
    private RawTables() {
    }

    public static final RawTable<City> CITIES = new RawTable<>("cities",
            List.of(RawColumn.of("city_id", INTEGER), RawColumn.of("name", STRING), RawColumn.of("state", STRING),
                    RawColumn.of("tier", INTEGER)),
            List.of("city_id"),
            g -> g.cities().stream(),
            c -> RawTable.texts(c.cityId(), c.name(), c.state(), c.tier()));

    public static final RawTable<Restaurant> RESTAURANTS = new RawTable<>("restaurants",
            List.of(RawColumn.of("restaurant_id", INTEGER), RawColumn.of("name", STRING),
                    RawColumn.of("city_id", INTEGER).references("cities"),
                    RawColumn.of("cuisine", STRING).oneOf(FoodDeliveryGenerator.CUISINES),
                    RawColumn.of("rating", DECIMAL).amount(), RawColumn.of("cost_for_two", INTEGER).amount(),
                    RawColumn.of("veg_only", BOOLEAN), RawColumn.of("opened_on", DATE),
                    RawColumn.of("updated_at", TIMESTAMP)),
            List.of("restaurant_id"),
            FoodDeliveryGenerator::restaurants,
            r -> RawTable.texts(r.restaurantId(), r.name(), r.cityId(), r.cuisine(), r.rating(), r.costForTwo(),
                    r.vegOnly(), r.openedOn(), r.updatedAt()));

    public static final RawTable<Customer> CUSTOMERS = new RawTable<>("customers",
            List.of(RawColumn.of("customer_id", INTEGER), RawColumn.of("name", STRING),
                    RawColumn.of("email", STRING), RawColumn.of("phone", STRING).optional(),
                    RawColumn.of("city_id", INTEGER).references("cities"), RawColumn.of("signup_date", DATE),
                    RawColumn.of("updated_at", TIMESTAMP)),
            List.of("customer_id"),
            FoodDeliveryGenerator::customers,
            c -> RawTable.texts(c.customerId(), c.name(), c.email(), c.phone(), c.cityId(), c.signupDate(),
                    c.updatedAt()));

    public static final RawTable<Order> ORDERS = new RawTable<>("orders",
            List.of(RawColumn.of("order_id", INTEGER),
                    RawColumn.of("customer_id", INTEGER).references("customers"),
                    RawColumn.of("restaurant_id", INTEGER).references("restaurants"),
                    RawColumn.of("ordered_at", TIMESTAMP),
                    RawColumn.of("status", STRING).oneOf(Order.STATUSES),
                    RawColumn.of("payment_method", STRING).oneOf(Order.PAYMENT_METHODS),
                    RawColumn.of("items_total", DECIMAL).amount(), RawColumn.of("delivery_fee", DECIMAL).amount(),
                    RawColumn.of("discount", DECIMAL).amount(), RawColumn.of("total", DECIMAL).amount(),
                    RawColumn.of("instructions", STRING).optional(), RawColumn.of("updated_at", TIMESTAMP)),
            List.of("order_id"),
            g -> g.orders().map(OrderBundle::order),
            o -> RawTable.texts(o.orderId(), o.customerId(), o.restaurantId(), o.orderedAt(), o.status(),
                    o.paymentMethod(), o.itemsTotal(), o.deliveryFee(), o.discount(), o.total(), o.instructions(),
                    o.updatedAt()));

    public static final RawTable<OrderItem> ORDER_ITEMS = new RawTable<>("order_items",
            List.of(RawColumn.of("order_id", INTEGER).references("orders"), RawColumn.of("line_no", INTEGER),
                    RawColumn.of("item_name", STRING), RawColumn.of("quantity", INTEGER).amount(),
                    RawColumn.of("unit_price", DECIMAL).amount()),
            List.of("order_id", "line_no"),
            g -> g.orders().flatMap(b -> b.items().stream()),
            i -> RawTable.texts(i.orderId(), i.lineNo(), i.itemName(), i.quantity(), i.unitPrice()));

    public static final RawTable<Delivery> DELIVERIES = new RawTable<>("deliveries",
            List.of(RawColumn.of("order_id", INTEGER).references("orders"), RawColumn.of("rider_id", INTEGER),
                    RawColumn.of("picked_up_at", TIMESTAMP), RawColumn.of("delivered_at", TIMESTAMP),
                    RawColumn.of("distance_km", DECIMAL).amount()),
            List.of("order_id"),
            g -> g.orders().flatMap(b -> b.delivery().stream()),
            d -> RawTable.texts(d.orderId(), d.riderId(), d.pickedUpAt(), d.deliveredAt(), d.distanceKm()));

    public static final List<RawTable<?>> ALL = List.of(CITIES, RESTAURANTS, CUSTOMERS, ORDERS, ORDER_ITEMS,
            DELIVERIES);

    public static RawTable<?> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no raw table '" + name + "'; known: "
                        + ALL.stream().map(RawTable::name).toList()));
    }
}
