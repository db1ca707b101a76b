package dev.dataeng.p02.gold;

import dev.dataeng.p02.pipeline.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Silver to gold: the daily aggregates analysts read.
 *
 * <ul>
 * <li>{@code gold.daily_restaurant_orders}: one row per order date (UTC) and restaurant, with its city;</li>
 * <li>{@code gold.daily_city_orders}: one row per order date and city (the restaurant's city).</li>
 * </ul>
 * {@code orders} counts every order placed that day; {@code delivered_orders} the DELIVERED ones; {@code gmv} sums
 * their {@code total} (cancelled and refunded orders bring no GMV); {@code avg_delivery_minutes} averages
 * ordered-to-delivered minutes over DELIVERED orders that have a delivery in silver, rounded to 2 decimals.
 */
public final class GoldBuilder {
    private GoldBuilder() {
    }

    public static void build(Connection c) throws SQLException {
        for (String sql : statements()) {
            Warehouse.exec(c, sql);
        }
    }

    public static List<String> statements() {
        // BEGIN SOLUTION step 9: DROP and CREATE gold.daily_restaurant_orders and gold.daily_city_orders from silver.orders joined to restaurants, cities and deliveries
        String perOrder = "SELECT CAST(o.ordered_at AS DATE) AS order_date, ci.name AS city, r.restaurant_id, "
                + "r.name AS restaurant_name, o.status, o.total, "
                + "CASE WHEN o.status = 'DELIVERED' AND d.order_id IS NOT NULL "
                + "THEN EXTRACT(EPOCH FROM d.delivered_at) - EXTRACT(EPOCH FROM o.ordered_at) END AS delivery_seconds "
                + "FROM silver.orders o JOIN silver.restaurants r ON r.restaurant_id = o.restaurant_id "
                + "JOIN silver.cities ci ON ci.city_id = r.city_id "
                + "LEFT JOIN silver.deliveries d ON d.order_id = o.order_id";
        String measures = "COUNT(*) AS orders, "
                + "SUM(CASE WHEN status = 'DELIVERED' THEN 1 ELSE 0 END) AS delivered_orders, "
                + "CAST(COALESCE(SUM(CASE WHEN status = 'DELIVERED' THEN total END), 0) AS DECIMAL(14,2)) AS gmv, "
                + "CAST(ROUND(AVG(delivery_seconds) / 60.0, 2) AS DECIMAL(10,2)) AS avg_delivery_minutes";
        return List.of(
                "DROP TABLE IF EXISTS gold.daily_restaurant_orders",
                "DROP TABLE IF EXISTS gold.daily_city_orders",
                "CREATE TABLE gold.daily_restaurant_orders AS SELECT order_date, city, restaurant_id, restaurant_name, "
                        + measures + " FROM (" + perOrder + ") x GROUP BY order_date, city, restaurant_id, "
                        + "restaurant_name ORDER BY order_date, restaurant_id",
                "CREATE TABLE gold.daily_city_orders AS SELECT order_date, city, " + measures + " FROM (" + perOrder
                        + ") x GROUP BY order_date, city ORDER BY order_date, city");
        // END SOLUTION
    }
}
