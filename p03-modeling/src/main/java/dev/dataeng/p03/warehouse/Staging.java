package dev.dataeng.p03.warehouse;

import dev.dataeng.common.fooddelivery.City;
import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.Delivery;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.OrderItem;
import dev.dataeng.common.fooddelivery.Restaurant;
import dev.dataeng.p03.source.DayBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Replaces the staging tables with one day's extract (batched inserts). The rest of the load is SQL from staging to
 * the model, the ELT way: the database does the joins, and a re-run starts from the same staged rows.
 */
final class Staging {
    private Staging() {
    }

    static void replace(Connection c, DayBatch batch) throws SQLException {
        for (String t : new String[] {"stg_order_item", "stg_order", "stg_customer", "stg_restaurant", "stg_city"}) {
            Sql.update(c, "DELETE FROM " + t);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stg_city VALUES (?, ?, ?, ?)")) {
            for (City city : batch.cities()) {
                ps.setInt(1, city.cityId());
                ps.setString(2, city.name());
                ps.setString(3, city.state());
                ps.setInt(4, city.tier());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stg_restaurant VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Restaurant r : batch.restaurants()) {
                ps.setLong(1, r.restaurantId());
                ps.setString(2, r.name());
                ps.setInt(3, r.cityId());
                ps.setString(4, r.cuisine());
                ps.setBigDecimal(5, r.rating());
                ps.setInt(6, r.costForTwo());
                ps.setBoolean(7, r.vegOnly());
                ps.setObject(8, r.openedOn());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stg_customer VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Customer cu : batch.customers()) {
                ps.setLong(1, cu.customerId());
                ps.setString(2, cu.name());
                ps.setString(3, cu.email());
                ps.setString(4, cu.phone());
                ps.setInt(5, cu.cityId());
                ps.setObject(6, cu.signupDate());
                ps.setObject(7, utc(cu.updatedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement orders = c.prepareStatement(
                "INSERT INTO stg_order VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement items = c.prepareStatement("INSERT INTO stg_order_item VALUES (?, ?, ?, ?, ?)")) {
            for (OrderBundle b : batch.orders()) {
                Order o = b.order();
                orders.setLong(1, o.orderId());
                orders.setLong(2, o.customerId());
                orders.setLong(3, o.restaurantId());
                orders.setObject(4, utc(o.orderedAt()));
                orders.setObject(5, utc(o.orderedAt()).toLocalDate());
                orders.setString(6, o.status());
                orders.setString(7, o.paymentMethod());
                orders.setBigDecimal(8, o.itemsTotal());
                orders.setBigDecimal(9, o.deliveryFee());
                orders.setBigDecimal(10, o.discount());
                orders.setBigDecimal(11, o.total());
                if (b.delivery().isPresent()) {
                    Delivery d = b.delivery().get();
                    orders.setObject(12, utc(d.deliveredAt()));
                    orders.setInt(13, (int) Duration.between(o.orderedAt(), d.deliveredAt()).toSeconds());
                    orders.setBigDecimal(14, d.distanceKm());
                } else {
                    orders.setNull(12, Types.TIMESTAMP);
                    orders.setNull(13, Types.INTEGER);
                    orders.setNull(14, Types.NUMERIC);
                }
                orders.addBatch();
                for (OrderItem i : b.items()) {
                    items.setLong(1, i.orderId());
                    items.setInt(2, i.lineNo());
                    items.setString(3, i.itemName());
                    items.setInt(4, i.quantity());
                    items.setBigDecimal(5, i.unitPrice());
                    items.addBatch();
                }
            }
            orders.executeBatch();
            items.executeBatch();
        }
    }

    /** Timestamps are stored as UTC wall-clock time (TIMESTAMP without time zone). */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
