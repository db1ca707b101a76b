package dev.dataeng.p04.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.p04.dag.TaskAction;
import dev.dataeng.p04.dag.TaskContext;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code load_orders}: the raw partition of {@code ds} into the warehouse's {@code orders} table. Idempotent: in one
 * transaction it deletes that day's rows and inserts the partition again, so a rerun replaces the day and never
 * duplicates it, and other days are untouched.
 */
public final class LoadOrders implements TaskAction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineConfig config;

    public LoadOrders(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        LocalDate ds = context.ds();
        Path raw = config.rawDir(ds);
        if (!Files.exists(raw.resolve("_SUCCESS"))) {
            throw new IllegalStateException("raw partition " + raw + " is not complete (no _SUCCESS)");
        }
        try (Connection c = Warehouse.connect(config.warehouseUrl())) {
            c.setAutoCommit(false);
            long loaded = replacePartition(c, ds, raw);
            c.commit();
            context.log("loaded " + loaded + " orders for " + ds);
            context.xcomPush("loaded", Long.toString(loaded));
        }
    }

    /**
     * Replaces the rows of {@code ds} in {@code orders} by the raw partition's rows, on {@code c} (the caller
     * commits). Returns the number of rows inserted.
     */
    static long replacePartition(Connection c, LocalDate ds, Path raw) throws Exception {
        // BEGIN SOLUTION step 11
        long loaded = 0;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM orders WHERE order_date = ?")) {
            delete.setDate(1, Date.valueOf(ds));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (order_date, order_id, "
                + "customer_id, restaurant_id, city_id, ordered_at, status, payment_method, items_total, "
                + "delivery_fee, discount, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Path part : Files2.parts(raw)) {
                try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode o = JSON.readTree(line);
                        OffsetDateTime orderedAt = OffsetDateTime.parse(o.get("ordered_at").asText());
                        insert.setDate(1, Date.valueOf(orderedAt.toLocalDate()));
                        insert.setLong(2, o.get("order_id").asLong());
                        insert.setLong(3, o.get("customer_id").asLong());
                        insert.setLong(4, o.get("restaurant_id").asLong());
                        insert.setInt(5, o.get("city_id").asInt());
                        insert.setObject(6, orderedAt);
                        insert.setString(7, o.get("status").asText());
                        insert.setString(8, o.get("payment_method").asText());
                        insert.setBigDecimal(9, new BigDecimal(o.get("items_total").asText()));
                        insert.setBigDecimal(10, new BigDecimal(o.get("delivery_fee").asText()));
                        insert.setBigDecimal(11, new BigDecimal(o.get("discount").asText()));
                        insert.setBigDecimal(12, new BigDecimal(o.get("total").asText()));
                        insert.addBatch();
                        loaded++;
                    }
                }
            }
            insert.executeBatch();
        }
        return loaded;
        // END SOLUTION
    }
}
