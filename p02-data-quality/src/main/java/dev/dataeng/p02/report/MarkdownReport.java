package dev.dataeng.p02.report;

import dev.dataeng.p02.metrics.Dimension;
import dev.dataeng.p02.metrics.MetricsCalculator;
import dev.dataeng.p02.pipeline.PipelineException;
import dev.dataeng.p02.pipeline.SqlNames;
import dev.dataeng.p02.pipeline.Warehouse;
import dev.dataeng.p02.silver.ColumnContract;
import dev.dataeng.p02.silver.Contracts;
import dev.dataeng.p02.silver.NullRule;
import dev.dataeng.p02.silver.TableContract;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders one run's quality results as Markdown a person can read on GitHub or in an editor: a verdict first, then
 * a scorecard per table, where every bronze row went, the null rules (defaults counted per column), the checks, and
 * what was quarantined and why.
 */
public final class MarkdownReport {
    private static final List<Dimension> DIMENSIONS = List.of(Dimension.COMPLETENESS, Dimension.VALIDITY,
            Dimension.UNIQUENESS, Dimension.CONSISTENCY, Dimension.TIMELINESS);

    private MarkdownReport() {
    }

    /** The latest run id, or an error if there was none. */
    public static long latestRun(Connection c) throws SQLException {
        long run = Warehouse.tableExists(c, "dq", "runs")
                ? Warehouse.scalar(c, "SELECT COALESCE(MAX(run_id), 0) FROM dq.runs WHERE status <> 'running'") : 0;
        if (run == 0) {
            throw new PipelineException("no finished run in this database: run `run --layer all` first");
        }
        return run;
    }

    public static String render(Connection c, long runId, String databaseUrl) throws SQLException {
        List<Map<String, Object>> runs = Warehouse.rows(c, "SELECT * FROM dq.runs WHERE run_id = ?", runId);
        if (runs.isEmpty()) {
            throw new PipelineException("no run " + runId + " in dq.runs");
        }
        Map<String, Object> run = runs.get(0);
        long metricsRun = Warehouse.scalar(c, "SELECT COALESCE(MAX(run_id), 0) FROM dq.metric_results WHERE run_id <= ?",
                runId);
        long accountingRun = Warehouse.scalar(c, "SELECT COALESCE(MAX(run_id), 0) FROM dq.accounting WHERE run_id <= ?",
                runId);
        List<Map<String, Object>> checks = Warehouse.rows(c, "SELECT * FROM dq.check_results WHERE run_id = ? "
                + "ORDER BY CASE status WHEN 'FAIL' THEN 0 WHEN 'WARN' THEN 1 ELSE 2 END, layer DESC, check_name",
                runId);
        StringBuilder md = new StringBuilder();
        md.append("# Data quality report · run ").append(runId).append("\n\n");
        boolean blocked = "blocked".equals(run.get("status"));
        md.append(blocked ? "> ⛔ **Blocked.** " : "> ✅ **Passed.** ").append(run.get("message")).append("\n\n");
        long pass = checks.stream().filter(r -> "PASS".equals(r.get("status"))).count();
        long warn = checks.stream().filter(r -> "WARN".equals(r.get("status"))).count();
        long fail = checks.stream().filter(r -> "FAIL".equals(r.get("status"))).count();
        md.append("| | |\n|---|---|\n")
                .append("| command | `").append(run.get("command")).append("` |\n")
                .append("| started (UTC) | ").append(run.get("started_at")).append(" |\n")
                .append("| data as of (UTC) | ").append(run.get("as_of")).append(" |\n")
                .append("| database | `").append(databaseUrl).append("` |\n")
                .append("| checks | ").append(pass).append(" passed · ").append(warn).append(" warnings · ")
                .append(fail).append(" failed |\n\n");

        md.append("## Scorecard per table\n\n")
                .append("Shares of records, bronze to silver. 🟢 ≥ 99.5 % · 🟡 ≥ 95 % · 🔴 below.\n\n")
                .append("| table | bronze rows | silver rows | completeness | validity | uniqueness | consistency "
                        + "| timeliness |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Map<String, Object>> accounting = new LinkedHashMap<>();
        List<Map<String, Object>> accountingRows = new java.util.ArrayList<>(Warehouse.rows(c,
                "SELECT * FROM dq.accounting WHERE run_id = ?", accountingRun));
        List<String> parentsFirst = Contracts.ALL.stream().map(TableContract::name).toList();
        accountingRows.sort(java.util.Comparator.comparingInt(a -> parentsFirst.indexOf((String) a.get("table_name"))));
        for (Map<String, Object> a : accountingRows) {
            accounting.put((String) a.get("table_name"), a);
        }
        for (Map.Entry<String, Map<String, Object>> e : accounting.entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(count(e.getValue().get("bronze_rows")))
                    .append(" | ").append(count(e.getValue().get("silver_rows")));
            for (Dimension d : DIMENSIONS) {
                md.append(" | ").append(share(tableMetric(c, metricsRun, e.getKey(), d)));
            }
            md.append(" |\n");
        }

        md.append("\n## Where every bronze row went\n\n")
                .append("`bronze = silver + quarantined + duplicates + superseded`: nothing is silently lost.\n\n")
                .append("| table | bronze | silver | quarantined | exact duplicates | superseded versions "
                        + "| reconciles |\n|---|---:|---:|---:|---:|---:|:---:|\n");
        for (Map<String, Object> a : accounting.values()) {
            long bronze = ((Number) a.get("bronze_rows")).longValue();
            long sum = ((Number) a.get("silver_rows")).longValue() + ((Number) a.get("quarantined")).longValue()
                    + ((Number) a.get("exact_duplicates")).longValue() + ((Number) a.get("superseded")).longValue();
            md.append("| ").append(a.get("table_name")).append(" | ").append(count(bronze)).append(" | ")
                    .append(count(a.get("silver_rows"))).append(" | ").append(count(a.get("quarantined")))
                    .append(" | ").append(count(a.get("exact_duplicates"))).append(" | ")
                    .append(count(a.get("superseded"))).append(" | ").append(bronze == sum ? "✅" : "❌")
                    .append(" |\n");
        }

        md.append("\n## Null rules\n\n")
                .append("Empty values not quarantined, as the contracts declare them (`on_null`; every other column: "
                        + "`quarantine`). A default is counted per column, so it is never silent.\n\n")
                .append("| table | column | on_null | values in silver |\n|---|---|---|---:|\n");
        for (TableContract table : Contracts.ALL) {
            for (ColumnContract column : table.columns()) {
                NullRule rule = column.onNull();
                if (rule.kind() == NullRule.Kind.DEFAULT) {
                    long n = Warehouse.tableExists(c, "dq", "defaulted") ? Warehouse.scalar(c, "SELECT COUNT(*) FROM "
                            + "dq.defaulted WHERE table_name = ? AND column_name = ?", table.name(), column.name()) : 0;
                    md.append("| ").append(table.name()).append(" | ").append(column.name()).append(" | `")
                            .append(rule).append("` | ").append(count(n)).append(" defaulted |\n");
                } else if (rule.kind() == NullRule.Kind.KEEP) {
                    long n = Warehouse.tableExists(c, "silver", table.name()) ? Warehouse.scalar(c, "SELECT COUNT(*) "
                            + "FROM silver." + table.name() + " WHERE " + SqlNames.of(c).quote(column.name()) + " IS NULL") : 0;
                    md.append("| ").append(table.name()).append(" | ").append(column.name()).append(" | `")
                            .append(rule).append("` | ").append(count(n)).append(" NULL |\n");
                }
            }
        }

        md.append("\n## Checks\n\n| | check | table | type | severity | observed | quarantined |\n"
                + "|:---:|---|---|---|---|---|---:|\n");
        for (Map<String, Object> r : checks) {
            String icon = switch ((String) r.get("status")) {
                case "PASS" -> "✅";
                case "WARN" -> "⚠️";
                default -> "❌";
            };
            md.append("| ").append(icon).append(" | `").append(r.get("check_name")).append("` | ")
                    .append(r.get("layer")).append('.').append(r.get("table_name")).append(" | ")
                    .append(r.get("check_type")).append(" | ").append(r.get("severity")).append(" | ")
                    .append(escape(String.valueOf(r.get("observed")))).append(" | ")
                    .append(count(r.get("quarantined"))).append(" |\n");
        }
        for (Map<String, Object> r : checks) {
            if (!"PASS".equals(r.get("status"))) {
                md.append("\n- **").append(r.get("check_name")).append("** (").append(r.get("status"))
                        .append("): ").append(escape(String.valueOf(r.get("message"))));
            }
        }

        md.append("\n\n## Quarantine by reason\n\n");
        List<Map<String, Object>> reasons = Warehouse.rows(c, "SELECT table_name, reason, rule, column_name, "
                + "COUNT(*) AS n FROM dq.quarantine GROUP BY table_name, reason, rule, column_name "
                + "ORDER BY table_name, reason, rule, n DESC, column_name");
        if (reasons.isEmpty()) {
            md.append("Nothing was quarantined.\n");
        } else {
            md.append("A record breaking several rules is counted under each.\n\n")
                    .append("| table | reason | rule | records | columns |\n|---|---|---|---:|---|\n");
            Map<String, long[]> totals = new LinkedHashMap<>();
            Map<String, StringBuilder> columnsOf = new LinkedHashMap<>();
            for (Map<String, Object> r : reasons) {
                String group = r.get("table_name") + " | " + r.get("reason") + " | " + r.get("rule");
                long n = ((Number) r.get("n")).longValue();
                totals.computeIfAbsent(group, g -> new long[1])[0] += n;
                if (r.get("column_name") != null) {
                    StringBuilder cols = columnsOf.computeIfAbsent(group, g -> new StringBuilder());
                    cols.append(cols.length() == 0 ? "" : ", ").append(r.get("column_name")).append(" (")
                            .append(count(n)).append(')');
                }
            }
            totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                    .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(count(e.getValue()[0]))
                            .append(" | ").append(columnsOf.getOrDefault(e.getKey(), new StringBuilder()))
                            .append(" |\n"));
            md.append("\n### Examples (first record of each reason)\n\n| table | file · record | key | detail |\n"
                    + "|---|---|---|---|\n");
            for (Map<String, Object> r : Warehouse.rows(c, "SELECT q.table_name, q.source_file, q.record_no, "
                    + "q.business_key, q.detail FROM dq.quarantine q WHERE NOT EXISTS (SELECT 1 FROM dq.quarantine "
                    + "e WHERE e.table_name = q.table_name AND e.reason = q.reason AND (e.source_file < "
                    + "q.source_file OR (e.source_file = q.source_file AND e.record_no < q.record_no))) "
                    + "ORDER BY q.table_name, q.reason")) {
                md.append("| ").append(r.get("table_name")).append(" | ").append(r.get("source_file")).append(" · ")
                        .append(r.get("record_no")).append(" | ").append(r.get("business_key")).append(" | ")
                        .append(escape(String.valueOf(r.get("detail")))).append(" |\n");
            }
        }

        md.append("\n## Weakest columns\n\n");
        List<Map<String, Object>> columns = Warehouse.rows(c, "SELECT table_name, column_name, dimension, "
                + "metric_value FROM dq.metric_results WHERE run_id = ? AND column_name <> ? AND metric_value < 1 "
                + "ORDER BY metric_value, table_name, column_name, dimension", metricsRun,
                MetricsCalculator.TABLE_LEVEL);
        if (columns.isEmpty()) {
            md.append("Every column is complete and valid.\n");
        } else {
            md.append("The ").append(Math.min(12, columns.size())).append(" lowest of ").append(columns.size())
                    .append(" column metrics below 100 % (an optional column may well be empty).\n\n")
                    .append("| column | dimension | share |\n|---|---|---:|\n");
            for (Map<String, Object> r : columns.subList(0, Math.min(12, columns.size()))) {
                md.append("| ").append(r.get("table_name")).append('.').append(r.get("column_name")).append(" | ")
                        .append(r.get("dimension")).append(" | ").append(share((BigDecimal) r.get("metric_value")))
                        .append(" |\n");
            }
        }
        md.append("\n_Metrics: `dq.metric_results` (run ").append(metricsRun).append("), checks: `dq.check_results`, "
                + "records: `dq.quarantine`, `dq.duplicates`._\n");
        return md.toString();
    }

    /** A table's table-level metric, or null if it has none (timeliness is declared for some tables only). */
    private static BigDecimal tableMetric(Connection c, long runId, String table, Dimension d) throws SQLException {
        List<Map<String, Object>> rows = Warehouse.rows(c, "SELECT SUM(numerator) AS num, SUM(denominator) AS den "
                + "FROM dq.metric_results WHERE run_id = ? AND table_name = ? AND dimension = ? AND column_name = ?",
                runId, table, d.code(),
                MetricsCalculator.TABLE_LEVEL);
        Object num = rows.get(0).get("num");
        Object den = rows.get(0).get("den");
        if (num == null || den == null || ((Number) den).longValue() == 0) {
            return null;
        }
        return BigDecimal.valueOf(((Number) num).longValue())
                .divide(BigDecimal.valueOf(((Number) den).longValue()), 4, RoundingMode.HALF_UP);
    }

    static String share(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        BigDecimal percent = value.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
        String dot = value.compareTo(new BigDecimal("0.995")) >= 0 ? "🟢"
                : value.compareTo(new BigDecimal("0.95")) >= 0 ? "🟡" : "🔴";
        return dot + " " + percent.toPlainString() + " %";
    }

    private static String count(Object n) {
        return n == null ? "0" : String.format("%,d", ((Number) n).longValue());
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
