package dev.dataeng.p02.metrics;

import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.pipeline.SqlNames;
import dev.dataeng.p02.pipeline.Warehouse;
import dev.dataeng.p02.silver.ColumnContract;
import dev.dataeng.p02.silver.Contracts;
import dev.dataeng.p02.silver.TableContract;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the quality dimensions of the silver build from bronze, the quarantine and the duplicates, and writes
 * them to {@code dq.metric_results} with the run's id. Column-level metrics carry the column name, table-level
 * ones {@code *} (table completeness counts the required columns only: an optional column may be empty).
 */
public final class MetricsCalculator {
    public static final String TABLE_LEVEL = "*";
    static final String SCHEMA_REASONS = "('missing_required', 'bad_date', 'wrong_type', 'negative_amount', "
            + "'unknown_code')";

    private MetricsCalculator() {
    }

    /** One measured share. */
    public record Metric(String table, String column, Dimension dimension, long numerator, long denominator) {
        public BigDecimal value() {
            return denominator == 0 ? BigDecimal.ONE.setScale(4)
                    : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
        }
    }

    public static List<Metric> measure(Connection c, CheckSuite suite, long runId) throws SQLException {
        List<Metric> metrics = new ArrayList<>();
        for (TableContract table : Contracts.ALL) {
            metrics.addAll(measure(c, table));
        }
        for (CheckSuite.Timeliness t : suite.timeliness()) {
            metrics.add(timeliness(c, t));
        }
        Warehouse.update(c, "DELETE FROM dq.metric_results WHERE run_id = ?", runId);
        for (Metric m : metrics) {
            Warehouse.update(c, "INSERT INTO dq.metric_results (run_id, layer, table_name, column_name, dimension, "
                    + "numerator, denominator, metric_value) VALUES (?, 'silver', ?, ?, ?, ?, ?, ?)", runId,
                    m.table(), m.column(), m.dimension().code(), m.numerator(), m.denominator(), m.value());
        }
        return metrics;
    }

    static List<Metric> measure(Connection c, TableContract table) throws SQLException {
        List<Metric> out = new ArrayList<>();
        String t = table.name();
        // BEGIN SOLUTION step 8: completeness and validity per column, validity, uniqueness and consistency per table, from bronze, dq.quarantine and dq.duplicates
        SqlNames names = SqlNames.of(c);
        long bronze = Warehouse.scalar(c, "SELECT COUNT(*) FROM bronze." + t);
        long requiredCells = 0;
        long presentRequiredCells = 0;
        for (ColumnContract column : table.columns()) {
            String col = column.name();
            long present = Warehouse.scalar(c, "SELECT COUNT(*) FROM bronze." + t + " WHERE COALESCE(TRIM("
                    + names.quote(col) + "), '') <> ''");
            out.add(new Metric(t, col, Dimension.COMPLETENESS, present, bronze));
            if (column.required()) {
                requiredCells += bronze;
                presentRequiredCells += present;
            }
            long invalid = Warehouse.scalar(c, "SELECT COUNT(*) FROM dq.quarantine WHERE table_name = ? AND "
                    + "column_name = ? AND reason IN " + SCHEMA_REASONS, t, col);
            out.add(new Metric(t, col, Dimension.VALIDITY, bronze - invalid, bronze));
        }
        out.add(new Metric(t, TABLE_LEVEL, Dimension.COMPLETENESS, presentRequiredCells, requiredCells));
        long invalid = Warehouse.scalar(c, "SELECT COUNT(*) FROM dq.quarantine WHERE table_name = ? AND reason IN "
                + SCHEMA_REASONS, t);
        long valid = bronze - invalid;
        out.add(new Metric(t, TABLE_LEVEL, Dimension.VALIDITY, valid, bronze));
        long losers = Warehouse.scalar(c, "SELECT COUNT(*) FROM dq.duplicates WHERE table_name = ?", t);
        long deduplicated = valid - losers;
        out.add(new Metric(t, TABLE_LEVEL, Dimension.UNIQUENESS, deduplicated, valid));
        long inconsistent = Warehouse.scalar(c, "SELECT COUNT(*) FROM (SELECT DISTINCT source_file, record_no FROM "
                + "dq.quarantine WHERE table_name = ? AND reason NOT IN " + SCHEMA_REASONS + ") q", t);
        out.add(new Metric(t, TABLE_LEVEL, Dimension.CONSISTENCY, deduplicated - inconsistent, deduplicated));
        return out;
        // END SOLUTION
    }

    static Metric timeliness(Connection c, CheckSuite.Timeliness t) throws SQLException {
        String table = t.table().substring(t.table().indexOf('.') + 1);
        // BEGIN SOLUTION step 8: share of silver rows whose arrival column is at most `within` after the event column
        long rows = Warehouse.scalar(c, "SELECT COUNT(*) FROM " + t.table());
        SqlNames names = SqlNames.of(c);
        long onTime = Warehouse.scalar(c, "SELECT COUNT(*) FROM " + t.table() + " WHERE EXTRACT(EPOCH FROM "
                + names.quote(t.arrivalColumn()) + ") - EXTRACT(EPOCH FROM " + names.quote(t.eventColumn()) + ") <= "
                + t.within().toSeconds());
        return new Metric(table, TABLE_LEVEL, Dimension.TIMELINESS, onTime, rows);
        // END SOLUTION
    }
}
