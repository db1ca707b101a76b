package dev.dataeng.p04.example;

import dev.dataeng.common.db.DbCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The warehouse tables the example DAG fills: {@code orders} (one row per order) and its daily aggregate. */
public final class Warehouse {
    private Warehouse() {
    }

    public static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, DbCredentials.resolve(url, null, null).user(),
                DbCredentials.resolve(url, null, null).password());
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS orders (
                      order_date DATE NOT NULL, order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,
                      restaurant_id BIGINT NOT NULL, city_id INT NOT NULL, ordered_at TIMESTAMP WITH TIME ZONE NOT NULL,
                      status VARCHAR(16) NOT NULL, payment_method VARCHAR(16) NOT NULL,
                      items_total DECIMAL(12, 2) NOT NULL, delivery_fee DECIMAL(12, 2) NOT NULL,
                      discount DECIMAL(12, 2) NOT NULL, total DECIMAL(12, 2) NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS orders_by_date ON orders (order_date)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS daily_city_sales (
                      order_date DATE NOT NULL, city_id INT NOT NULL, orders BIGINT NOT NULL,
                      delivered_orders BIGINT NOT NULL, delivered_revenue DECIMAL(14, 2) NOT NULL,
                      PRIMARY KEY (order_date, city_id))""");
        }
        return c;
    }
}
