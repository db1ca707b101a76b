package dev.dataeng.p02.checks;

import dev.dataeng.p02.pipeline.SqlNames;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a declared check into SQL that the warehouse runs: the data never leaves the database, the way Deequ or
 * dbt tests push checks down to the engine.
 */
public final class CheckSql {
    private CheckSql() {
    }

    /**
     * The condition that makes a row of {@code table} (aliased {@code t}) fail a row-level check.
     *
     * @param check a row-level check ({@link CheckType#rowLevel()})
     * @param table the table the rows come from, e.g. {@code silver.orders} or, while silver is built,
     *              {@code stage.orders}
     * @param names how the database wants column names quoted (a column may be called {@code order})
     * @return a SQL boolean expression over the columns of {@code t}
     */
    public static String failingRowCondition(Check check, String table, SqlNames names) {
        // BEGIN SOLUTION step 5: return the SQL condition that makes a row of t fail this check, one case per row-level CheckType; every column through names.quote
        String col = check.column() == null ? null : "t." + names.quote(check.column());
        return switch (check.type()) {
            case NOT_NULL -> col + " IS NULL";
            case UNIQUE -> {
                List<String> keys = check.keyColumns();
                String tuple = keys.size() == 1 ? "t." + names.quote(keys.get(0))
                        : keys.stream().map(k -> "t." + names.quote(k)).collect(Collectors.joining(", ", "(", ")"));
                String plain = names.list(keys);
                yield tuple + " IN (SELECT " + plain + " FROM " + table + " GROUP BY " + plain
                        + " HAVING COUNT(*) > 1)";
            }
            case ACCEPTED_VALUES -> col + " IS NOT NULL AND " + col + " NOT IN ("
                    + check.values().stream().map(CheckSql::literal).collect(Collectors.joining(", ")) + ")";
            case RANGE -> {
                String low = check.min() == null ? null : col + " < " + check.min().toPlainString();
                String high = check.max() == null ? null : col + " > " + check.max().toPlainString();
                yield low == null ? high : high == null ? low : "(" + low + " OR " + high + ")";
            }
            case REGEX -> col + " IS NOT NULL AND NOT REGEXP_LIKE(" + col + ", " + literal(check.pattern()) + ")";
            case RELATIONSHIPS -> col + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + check.toTable()
                    + " p WHERE p." + names.quote(check.toColumn()) + " = " + col + ")";
            case EXPRESSION -> "NOT (" + check.expression() + ")";
            case ROW_COUNT, FRESHNESS, CUSTOM_SQL -> throw new IllegalArgumentException(
                    check.name() + " is a table-level check: it has no failing-row condition");
        };
        // END SOLUTION
    }

    /** {@code SELECT COUNT(*)} of the rows of {@code table} that fail a row-level check. */
    public static String countFailingRows(Check check, String table, SqlNames names) {
        return "SELECT COUNT(*) FROM " + table + " t WHERE " + failingRowCondition(check, table, names);
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
