package dev.dataeng.p02.silver;

import static dev.dataeng.p02.silver.ColumnContract.of;
import static dev.dataeng.p02.silver.SilverType.BOOLEAN;
import static dev.dataeng.p02.silver.SilverType.DATE;
import static dev.dataeng.p02.silver.SilverType.DECIMAL;
import static dev.dataeng.p02.silver.SilverType.INTEGER;
import static dev.dataeng.p02.silver.SilverType.TEXT;
import static dev.dataeng.p02.silver.SilverType.TIMESTAMP;

import java.util.List;
import java.util.Optional;

/**
 * The silver contracts of the six source tables, in dependency order: a table comes after every table it refers to,
 * so a referential check always finds its parent already published.
 *
 * <p>Null rules ({@link NullRule}): a column is {@code quarantine} unless declared otherwise. {@code keep}:
 * {@code customers.phone} and {@code orders.instructions}, which the business does not need. {@code default 0.00}:
 * {@code orders.discount} only, because an order without a discount line had no discount, and the row-level check
 * {@code orders_total_adds_up_per_row} quarantines the rows whose total says otherwise. Nowhere else: a default
 * customer, restaurant, timestamp, status or amount would invent a fact that changes GMV or delivery times.
 */
public final class Contracts {
    private Contracts() {
    }

    public static final List<String> CUISINES = List.of("North Indian", "South Indian", "Chinese", "Biryani",
            "Pizza", "Burgers", "Desserts", "Cafe", "Street Food", "Healthy");
    public static final List<String> STATUSES = List.of("DELIVERED", "CANCELLED", "REFUNDED");
    public static final List<String> PAYMENT_METHODS = List.of("UPI", "CARD", "CASH", "WALLET");

    public static final TableContract CITIES = new TableContract("cities",
            List.of(of("city_id", INTEGER), of("name", TEXT), of("state", TEXT), of("tier", INTEGER)),
            List.of("city_id"), Optional.empty());

    public static final TableContract RESTAURANTS = new TableContract("restaurants",
            List.of(of("restaurant_id", INTEGER), of("name", TEXT), of("city_id", INTEGER),
                    of("cuisine", TEXT).oneOf(CUISINES), of("rating", DECIMAL).amount(),
                    of("cost_for_two", INTEGER).amount(), of("veg_only", BOOLEAN), of("opened_on", DATE),
                    of("updated_at", TIMESTAMP)),
            List.of("restaurant_id"), Optional.of("updated_at"));

    public static final TableContract CUSTOMERS = new TableContract("customers",
            List.of(of("customer_id", INTEGER), of("name", TEXT), of("email", TEXT), of("phone", TEXT).optional(),
                    of("city_id", INTEGER), of("signup_date", DATE), of("updated_at", TIMESTAMP)),
            List.of("customer_id"), Optional.of("updated_at"));

    public static final TableContract ORDERS = new TableContract("orders",
            List.of(of("order_id", INTEGER), of("customer_id", INTEGER), of("restaurant_id", INTEGER),
                    of("ordered_at", TIMESTAMP), of("status", TEXT).oneOf(STATUSES),
                    of("payment_method", TEXT).oneOf(PAYMENT_METHODS), of("items_total", DECIMAL).amount(),
                    of("delivery_fee", DECIMAL).amount(), of("discount", DECIMAL).amount().orDefault("0.00"),
                    of("total", DECIMAL).amount(), of("instructions", TEXT).optional(), of("updated_at", TIMESTAMP)),
            List.of("order_id"), Optional.of("updated_at"));

    public static final TableContract ORDER_ITEMS = new TableContract("order_items",
            List.of(of("order_id", INTEGER), of("line_no", INTEGER), of("item_name", TEXT),
                    of("quantity", INTEGER).amount(), of("unit_price", DECIMAL).amount()),
            List.of("order_id", "line_no"), Optional.empty());

    public static final TableContract DELIVERIES = new TableContract("deliveries",
            List.of(of("order_id", INTEGER), of("rider_id", INTEGER), of("picked_up_at", TIMESTAMP),
                    of("delivered_at", TIMESTAMP), of("distance_km", DECIMAL).amount()),
            List.of("order_id"), Optional.empty());

    /** Parents before children. */
    public static final List<TableContract> ALL = List.of(CITIES, RESTAURANTS, CUSTOMERS, ORDERS, ORDER_ITEMS,
            DELIVERIES);

    public static TableContract byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown table '" + name + "'; known: "
                        + ALL.stream().map(TableContract::name).toList()));
    }
}
