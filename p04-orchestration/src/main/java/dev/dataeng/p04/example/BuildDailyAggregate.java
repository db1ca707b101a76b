package dev.dataeng.p04.example;

import dev.dataeng.p04.dag.TaskAction;
import dev.dataeng.p04.dag.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;

/**
 * {@code build_daily_aggregate}: the {@code ds} partition of {@code daily_city_sales} (orders, delivered orders
 * and delivered revenue per city). Delete-then-insert of that date only, in one transaction; then a
 * {@code _SUCCESS} marker that the report DAG's sensor waits for.
 */
public final class BuildDailyAggregate implements TaskAction {
    private final PipelineConfig config;

    public BuildDailyAggregate(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        LocalDate ds = context.ds();
        int cities;
        try (Connection c = Warehouse.connect(config.warehouseUrl())) {
            c.setAutoCommit(false);
            cities = rebuildPartition(c, ds);
            c.commit();
        }
        Path marker = config.martMarker(ds);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "{\"cities\": " + cities + "}\n");
        context.log("built daily_city_sales for " + ds + ": " + cities + " cities");
    }

    /** Deletes and rebuilds the {@code ds} rows of {@code daily_city_sales} on {@code c} (the caller commits). */
    static int rebuildPartition(Connection c, LocalDate ds) throws Exception {
        // BEGIN SOLUTION step 11
        int cities;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM daily_city_sales WHERE order_date = ?")) {
            delete.setDate(1, Date.valueOf(ds));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO daily_city_sales (order_date, city_id, orders, delivered_orders, delivered_revenue)
                SELECT order_date, city_id, COUNT(*),
                       SUM(CASE WHEN status = 'DELIVERED' THEN 1 ELSE 0 END),
                       COALESCE(SUM(CASE WHEN status = 'DELIVERED' THEN total END), 0)
                FROM orders WHERE order_date = ? GROUP BY order_date, city_id""")) {
            insert.setDate(1, Date.valueOf(ds));
            cities = insert.executeUpdate();
        }
        return cities;
        // END SOLUTION
    }
}
