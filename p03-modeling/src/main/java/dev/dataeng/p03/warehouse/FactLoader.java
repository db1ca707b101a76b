package dev.dataeng.p03.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/** Loads the facts from staging, looking up surrogate keys; re-points facts whose customer arrived late. */
final class FactLoader {
    private FactLoader() {
    }

    /**
     * Upserts the staged orders into fact_order (one row per order, keyed by order_id, so a re-run updates in
     * place). The customer key is the version valid at {@code ordered_at} (point-in-time lookup); a customer not in
     * the dimension yet gets the unknown member -1. Returns the number of rows merged.
     */
    static int loadOrders(Connection c) throws SQLException {
        // BEGIN SOLUTION step 6: loadOrders: MERGE the staged orders into fact_order by order_id with the date key, the customer version valid at ordered_at (valid_from <= ordered_at < valid_to, else -1), restaurant and location keys, item count and amounts
        return Sql.update(c, """
                MERGE INTO fact_order f
                USING (
                    SELECT o.order_id, dd.date_key,
                           COALESCE(dc.customer_key, -1) AS customer_key,
                           COALESCE(dr.restaurant_key, -1) AS restaurant_key,
                           COALESCE(dl.location_key, -1) AS location_key,
                           o.customer_id, o.restaurant_id, o.ordered_at, o.status, o.payment_method,
                           (SELECT COUNT(*) FROM stg_order_item i WHERE i.order_id = o.order_id) AS item_count,
                           o.items_total, o.delivery_fee, o.discount, o.total, o.delivery_seconds, o.distance_km
                    FROM stg_order o
                    JOIN dim_date dd ON dd.full_date = o.order_date
                    LEFT JOIN dim_customer dc ON dc.customer_id = o.customer_id
                                             AND o.ordered_at >= dc.valid_from AND o.ordered_at < dc.valid_to
                    LEFT JOIN dim_restaurant dr ON dr.restaurant_id = o.restaurant_id
                    LEFT JOIN dim_location dl ON dl.city_id = dr.city_id
                ) s
                ON (f.order_id = s.order_id)
                WHEN MATCHED THEN UPDATE SET date_key = s.date_key, customer_key = s.customer_key,
                     restaurant_key = s.restaurant_key, location_key = s.location_key, customer_id = s.customer_id,
                     restaurant_id = s.restaurant_id, ordered_at = s.ordered_at, status = s.status,
                     payment_method = s.payment_method, item_count = s.item_count, items_total = s.items_total,
                     delivery_fee = s.delivery_fee, discount = s.discount, total = s.total,
                     delivery_seconds = s.delivery_seconds, distance_km = s.distance_km
                WHEN NOT MATCHED THEN INSERT (order_id, date_key, customer_key, restaurant_key, location_key,
                     customer_id, restaurant_id, ordered_at, status, payment_method, item_count, items_total,
                     delivery_fee, discount, total, delivery_seconds, distance_km)
                     VALUES (s.order_id, s.date_key, s.customer_key, s.restaurant_key, s.location_key,
                     s.customer_id, s.restaurant_id, s.ordered_at, s.status, s.payment_method, s.item_count,
                     s.items_total, s.delivery_fee, s.discount, s.total, s.delivery_seconds, s.distance_km)""");
        // END SOLUTION
    }

    /** One row per order line; keys copied from the order's fact row. */
    static int loadOrderItems(Connection c) throws SQLException {
        return Sql.update(c, """
                MERGE INTO fact_order_item f
                USING (SELECT i.order_id, i.line_no, fo.date_key, fo.restaurant_key, i.item_name, i.quantity,
                              i.unit_price, i.quantity * i.unit_price AS line_amount
                       FROM stg_order_item i JOIN fact_order fo ON fo.order_id = i.order_id) s
                ON (f.order_id = s.order_id AND f.line_no = s.line_no)
                WHEN MATCHED THEN UPDATE SET date_key = s.date_key, restaurant_key = s.restaurant_key,
                     item_name = s.item_name, quantity = s.quantity, unit_price = s.unit_price,
                     line_amount = s.line_amount
                WHEN NOT MATCHED THEN INSERT (order_id, line_no, date_key, restaurant_key, item_name, quantity,
                     unit_price, line_amount)
                     VALUES (s.order_id, s.line_no, s.date_key, s.restaurant_key, s.item_name, s.quantity,
                     s.unit_price, s.line_amount)""");
    }

    /**
     * Late-arriving dimension: facts that point at the unknown customer (-1) and whose customer is now in the
     * dimension are re-pointed to the version valid at the order time, not the current one: a customer that
     * arrives with its history (a change feed) and moved after ordering must keep the order on its old city. If the
     * order precedes every known version (only a snapshot arrived), the customer's earliest version is the best
     * guess. Returns the number of facts re-pointed.
     */
    static int repointLateCustomers(Connection c) throws SQLException {
        // BEGIN SOLUTION step 6: repointLateCustomers: facts on customer -1 whose customer has arrived get the version valid at ordered_at, else its earliest version
        return Sql.update(c, """
                UPDATE fact_order f
                SET customer_key = COALESCE(
                        (SELECT dc.customer_key FROM dim_customer dc
                         WHERE dc.customer_id = f.customer_id
                           AND f.ordered_at >= dc.valid_from AND f.ordered_at < dc.valid_to),
                        (SELECT MIN(dc.customer_key) FROM dim_customer dc WHERE dc.customer_id = f.customer_id))
                WHERE f.customer_key = -1
                  AND EXISTS (SELECT 1 FROM dim_customer dc WHERE dc.customer_id = f.customer_id)""");
        // END SOLUTION
    }
}
