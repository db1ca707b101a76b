package dev.dataeng.p02.checks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * One data-quality check, as declared in a checks file (YAML). Which fields matter depends on {@link #type()}:
 *
 * <pre>
 * not_null         column
 * unique           columns (one or more)
 * accepted_values  column, values
 * range            column, min and/or max
 * regex            column, pattern
 * relationships    column, to_table, to_column          (referential integrity)
 * expression       expression: a SQL condition every row must satisfy (a row-level custom check)
 * row_count        min and/or max rows
 * freshness        column (a timestamp), max_age (ISO-8601, e.g. P2D) before the batch's export time
 * custom_sql       sql: a query returning one number, the failing rows; max_failing allowed
 * </pre>
 *
 * @param name        unique name, used in results and messages
 * @param table       {@code layer.table}, e.g. {@code silver.orders}
 * @param severity    warn or error; an error blocks promotion to the next layer
 * @param quarantine  row-level checks only: move failing rows to {@code dq.quarantine} while the layer is built
 * @param maxFailing  failing rows tolerated before the check fails (default 0)
 */
public record Check(String name, String table, CheckType type, String column, List<String> columns,
        List<String> values, BigDecimal min, BigDecimal max, String pattern, String toTable, String toColumn,
        Duration maxAge, String expression, String sql, Severity severity, boolean quarantine, long maxFailing,
        String description) {

    public String layer() {
        return table.substring(0, table.indexOf('.'));
    }

    public String tableName() {
        return table.substring(table.indexOf('.') + 1);
    }

    /**
     * The same check reading {@code to} where it says {@code from} (in its table, parent table, expression and SQL):
     * write-audit-publish audits the candidate {@code audit.orders} with the checks declared on {@code silver.orders},
     * the way dbt's {@code ref()} resolves one model name to the schema of the current target.
     */
    public Check relocated(String from, String to) {
        return new Check(name, move(table, from, to), type, column, columns, values, min, max, pattern,
                move(toTable, from, to), toColumn, maxAge, move(expression, from, to), move(sql, from, to), severity,
                quarantine, maxFailing, description);
    }

    static String move(String text, String from, String to) {
        return text == null ? null : text.replaceAll("(?i)\\b" + java.util.regex.Pattern.quote(from) + "\\.",
                java.util.regex.Matcher.quoteReplacement(to + "."));
    }

    /** The key columns of a unique check, or the single column of other checks. */
    public List<String> keyColumns() {
        return columns != null && !columns.isEmpty() ? columns : column == null ? List.of() : List.of(column);
    }
}
