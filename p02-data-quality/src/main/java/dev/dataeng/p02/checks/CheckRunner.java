package dev.dataeng.p02.checks;

import dev.dataeng.p02.pipeline.SqlNames;
import dev.dataeng.p02.pipeline.Warehouse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Runs the checks of one layer (against its tables, or a candidate's) and writes {@code dq.check_results}. */
public final class CheckRunner {

    private CheckRunner() {
    }

    public static List<CheckResult> run(Connection c, CheckSuite suite, String layer, long runId,
            LocalDateTime asOf) throws SQLException {
        return run(c, suite, layer, runId, asOf, layer);
    }

    /**
     * Runs the checks declared on {@code layer} against the tables of {@code schema} (write-audit-publish: the
     * checks of {@code silver} audit the candidate in {@code audit} before it is published); results are recorded
     * under the declared layer and table.
     */
    public static List<CheckResult> run(Connection c, CheckSuite suite, String layer, long runId,
            LocalDateTime asOf, String schema) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : suite.forLayer(layer)) {
            CheckResult measured = evaluate(c, check.relocated(layer, schema), asOf);
            CheckResult result = new CheckResult(check, measured.status(), measured.observed(),
                    measured.failingRows(), measured.quarantined(), measured.message());
            results.add(result);
            Warehouse.update(c, "DELETE FROM dq.check_results WHERE run_id = ? AND check_name = ?", runId,
                    check.name());
            Warehouse.update(c, "INSERT INTO dq.check_results (run_id, check_name, layer, table_name, check_type, "
                    + "severity, status, observed, failing_rows, quarantined, message) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", runId, check.name(), check.layer(),
                    check.tableName(), check.type().name().toLowerCase(), check.severity().name().toLowerCase(),
                    result.status(), result.observed(), result.failingRows(), result.quarantined(),
                    result.message());
        }
        return results;
    }

    static CheckResult evaluate(Connection c, Check check, LocalDateTime asOf) throws SQLException {
        if (!Warehouse.tableExists(c, check.layer(), check.tableName())) {
            return new CheckResult(check, CheckResult.FAIL, "table missing", 0, 0,
                    check.table() + " does not exist (build the layer first)");
        }
        long quarantined = check.quarantine() ? Warehouse.scalar(c, "SELECT COUNT(DISTINCT CONCAT(source_file, "
                + "'#', record_no)) FROM dq.quarantine WHERE table_name = ? AND rule = ?", check.tableName(),
                check.name()) : 0;
        try {
            return switch (check.type()) {
                case ROW_COUNT -> {
                    long rows = Warehouse.scalar(c, "SELECT COUNT(*) FROM " + check.table());
                    BigDecimal n = BigDecimal.valueOf(rows);
                    boolean ok = (check.min() == null || n.compareTo(check.min()) >= 0)
                            && (check.max() == null || n.compareTo(check.max()) <= 0);
                    yield verdict(check, ok, rows + " rows", 0, 0, rows + " rows, expected "
                            + bounds(check));
                }
                case FRESHNESS -> {
                    Object newest = Warehouse.rows(c, "SELECT MAX(" + SqlNames.of(c).quote(check.column())
                            + ") AS newest FROM "
                            + check.table()).get(0).get("newest");
                    if (newest == null) {
                        yield verdict(check, false, "no rows", 0, 0, "no " + check.column() + " at all");
                    }
                    LocalDateTime last = newest instanceof Timestamp ts ? ts.toLocalDateTime()
                            : (LocalDateTime) newest;
                    Duration age = Duration.between(last, asOf);
                    boolean ok = age.compareTo(check.maxAge()) <= 0;
                    String observed = "newest " + last + ", " + age.toHours() + " h before " + asOf;
                    yield verdict(check, ok, observed, 0, 0, observed + " (max " + check.maxAge() + ")");
                }
                case CUSTOM_SQL -> {
                    long failing = Warehouse.scalar(c, check.sql());
                    yield verdict(check, failing <= check.maxFailing(), failing + " failing rows", failing, 0,
                            failing + " rows returned by the custom SQL, tolerated " + check.maxFailing());
                }
                default -> {
                    long failing = Warehouse.scalar(c, CheckSql.countFailingRows(check, check.table(), SqlNames.of(c)));
                    String observed = failing + " failing rows";
                    String message = failing + " rows fail, tolerated " + check.maxFailing()
                            + (quarantined > 0 ? "; " + quarantined + " quarantined while building" : "");
                    yield verdict(check, failing <= check.maxFailing(), observed, failing, quarantined, message);
                }
            };
        } catch (SQLException e) {
            return new CheckResult(check, CheckResult.FAIL, "sql error", 0, quarantined,
                    "the check's SQL failed: " + e.getMessage());
        }
    }

    private static CheckResult verdict(Check check, boolean ok, String observed, long failing, long quarantined,
            String message) {
        String status = ok ? CheckResult.PASS : check.severity() == Severity.ERROR ? CheckResult.FAIL
                : CheckResult.WARN;
        return new CheckResult(check, status, observed, failing, quarantined, message);
    }

    private static String bounds(Check check) {
        if (check.min() != null && check.max() != null) {
            return "between " + check.min() + " and " + check.max();
        }
        return check.min() != null ? ">= " + check.min() : "<= " + check.max();
    }
}
