package dev.dataeng.p04.example;

import dev.dataeng.p04.dag.NonRetryableTaskException;
import dev.dataeng.p04.dag.TaskAction;
import dev.dataeng.p04.dag.TaskContext;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check_quality}: the day's rows in the warehouse match what the API said (row count from the extract's
 * XCom) and are consistent ({@code total = items_total + delivery_fee - discount}). A failure stops the DAG before
 * the aggregate is built and is not retried: the same data would fail again.
 */
public final class CheckQuality implements TaskAction {
    private final PipelineConfig config;

    public CheckQuality(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        LocalDate ds = context.ds();
        long expected = Long.parseLong(context.xcomPull("extract_orders", "row_count").orElse("-1"));
        List<String> problems = new ArrayList<>();
        try (Connection c = Warehouse.connect(config.warehouseUrl())) {
            long rows = count(c, "SELECT COUNT(*) FROM orders WHERE order_date = ?", ds);
            if (rows != expected) {
                problems.add("row count " + rows + " != " + expected + " extracted");
            }
            long inconsistent = count(c, "SELECT COUNT(*) FROM orders WHERE order_date = ? "
                    + "AND total <> items_total + delivery_fee - discount", ds);
            if (inconsistent > 0) {
                problems.add(inconsistent + " orders whose total is not items_total + delivery_fee - discount");
            }
            long negative = count(c, "SELECT COUNT(*) FROM orders WHERE order_date = ? AND total < 0", ds);
            if (negative > 0) {
                problems.add(negative + " orders with a negative total");
            }
        }
        if (!problems.isEmpty()) {
            throw new NonRetryableTaskException("quality check failed for " + ds + ": " + String.join("; ", problems));
        }
        context.log("quality ok for " + ds + ": " + expected + " orders");
    }

    private static long count(Connection c, String sql, LocalDate ds) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(ds));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
