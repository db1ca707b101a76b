package dev.dataeng.p04.example;

import dev.dataeng.p04.dag.TaskAction;
import dev.dataeng.p04.dag.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;

/** {@code export_report}: the day's {@code daily_city_sales} rows as a CSV file (written aside, then moved). */
public final class ExportReport implements TaskAction {
    private final PipelineConfig config;

    public ExportReport(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        LocalDate ds = context.ds();
        StringBuilder csv = new StringBuilder("order_date,city_id,orders,delivered_orders,delivered_revenue\n");
        try (Connection c = Warehouse.connect(config.warehouseUrl());
                PreparedStatement ps = c.prepareStatement("SELECT order_date, city_id, orders, delivered_orders, "
                        + "delivered_revenue FROM daily_city_sales WHERE order_date = ? ORDER BY city_id")) {
            ps.setDate(1, Date.valueOf(ds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    csv.append(rs.getDate(1).toLocalDate()).append(',').append(rs.getInt(2)).append(',')
                            .append(rs.getLong(3)).append(',').append(rs.getLong(4)).append(',')
                            .append(rs.getBigDecimal(5).toPlainString()).append('\n');
                }
            }
        }
        Path target = config.reportFile(ds);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, csv);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        context.log("wrote " + target);
    }
}
