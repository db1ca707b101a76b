package dev.dataeng.p02.pipeline;

import dev.dataeng.p02.bronze.BronzeLoader;
import dev.dataeng.p02.checks.CheckResult;
import dev.dataeng.p02.checks.CheckRunner;
import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.gold.GoldBuilder;
import dev.dataeng.p02.metrics.MetricsCalculator;
import dev.dataeng.p02.silver.Accounting;
import dev.dataeng.p02.silver.Contracts;
import dev.dataeng.p02.silver.SilverBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The medallion job: bronze (raw files landed as text) → silver (typed, conformed, deduplicated, checked) → gold
 * (daily aggregates), with a quality gate between silver and gold: a failed {@code error} check stops promotion.
 */
public final class Pipeline {
    private final Warehouse warehouse;
    private final CheckSuite suite;
    private final Optional<LocalDateTime> asOfOverride;
    private final Consumer<String> progress;

    public Pipeline(Warehouse warehouse, CheckSuite suite, Optional<LocalDateTime> asOf, Consumer<String> progress) {
        this.warehouse = warehouse;
        this.suite = suite;
        this.asOfOverride = asOf;
        this.progress = progress;
    }

    /** Builds {@code layer} (bronze needs {@code input}, the folder of raw files). */
    public RunOutcome run(Layer layer, Path input) {
        try (Connection c = warehouse.connect()) {
            warehouse.ensureSchemas(c);
            long runId = startRun(c, "run --layer " + layer.name().toLowerCase());
            try {
                return build(c, runId, layer, input);
            } catch (RuntimeException | SQLException e) {
                Warehouse.update(c, "UPDATE dq.runs SET status = 'failed', message = ? WHERE run_id = ?",
                        String.valueOf(e.getMessage()).substring(0, Math.min(1000,
                                String.valueOf(e.getMessage()).length())), runId);
                throw e;
            }
        } catch (SQLException e) {
            throw new PipelineException("database error: " + e.getMessage(), e);
        }
    }

    private RunOutcome build(Connection c, long runId, Layer layer, Path input) throws SQLException {
        List<Accounting> accounting = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        if (layer.includes(Layer.BRONZE)) {
            new BronzeLoader(progress).land(c, input, Contracts.ALL);
        }
        LocalDateTime asOf = asOf(c);
        boolean audited = false;
        if (layer.includes(Layer.SILVER)) {
            // write-audit-publish: the new silver is written to audit.*, measured and checked there, and only
            // published (copied over silver.*) if no error check fails; readers of silver never see it before
            accounting.addAll(new SilverBuilder(warehouse, progress).build(c, suite, runId));
            MetricsCalculator.measure(c, suite.relocated("silver", SilverBuilder.AUDIT), runId);
            checks.addAll(CheckRunner.run(c, suite, "silver", runId, asOf, SilverBuilder.AUDIT));
            audited = true;
        } else if (layer == Layer.GOLD) {
            requireSilver(c);
            checks.addAll(CheckRunner.run(c, suite, "silver", runId, asOf));
        }
        Optional<CheckResult> blocked = gate(checks);
        if (audited && blocked.isEmpty()) {
            SilverBuilder.publish(c);
            progress.accept("silver published (audit.* passed every error check)");
        } else if (audited) {
            progress.accept("silver NOT published: the candidate stays in audit.* for inspection; silver.* is the "
                    + "last published version");
        }
        boolean goldBuilt = false;
        if (layer.includes(Layer.GOLD) && blocked.isEmpty()) {
            GoldBuilder.build(c);
            goldBuilt = true;
            progress.accept("gold.daily_restaurant_orders " + Warehouse.scalar(c,
                    "SELECT COUNT(*) FROM gold.daily_restaurant_orders") + " rows, gold.daily_city_orders "
                    + Warehouse.scalar(c, "SELECT COUNT(*) FROM gold.daily_city_orders") + " rows");
            List<CheckResult> gold = CheckRunner.run(c, suite, "gold", runId, asOf);
            checks.addAll(gold);
            blocked = gate(gold);
        }
        finishRun(c, runId, asOf, blocked, goldBuilt, audited, layer);
        return new RunOutcome(runId, accounting, checks, blocked, goldBuilt, audited && blocked.isPresent());
    }

    /** Measures and checks what is there (silver and gold), without building anything. */
    public RunOutcome check() {
        try (Connection c = warehouse.connect()) {
            warehouse.ensureSchemas(c);
            requireSilver(c);
            long runId = startRun(c, "check");
            LocalDateTime asOf = asOf(c);
            MetricsCalculator.measure(c, suite, runId);
            List<CheckResult> checks = new ArrayList<>(CheckRunner.run(c, suite, "silver", runId, asOf));
            checks.addAll(CheckRunner.run(c, suite, "gold", runId, asOf));
            Optional<CheckResult> blocked = gate(checks);
            finishRun(c, runId, asOf, blocked, false, false, null);
            return new RunOutcome(runId, List.of(), checks, blocked, false, false);
        } catch (SQLException e) {
            throw new PipelineException("database error: " + e.getMessage(), e);
        }
    }

    /** The quality gate: the first failed check of severity error, if any, blocks promotion. */
    public static Optional<CheckResult> gate(List<CheckResult> results) {
        // BEGIN SOLUTION step 9: the first result that blocks (a failed check of severity error), if any
        return results.stream().filter(CheckResult::blocking).findFirst();
        // END SOLUTION
    }

    private static void requireSilver(Connection c) throws SQLException {
        for (var table : Contracts.ALL) {
            if (!Warehouse.tableExists(c, "silver", table.name())) {
                throw new PipelineException("silver." + table.name() + " does not exist: run `run --layer silver` "
                        + "(or `all`) first");
            }
        }
    }

    private LocalDateTime asOf(Connection c) throws SQLException {
        if (asOfOverride.isPresent()) {
            return asOfOverride.get();
        }
        if (Warehouse.tableExists(c, "bronze", "batches")) {
            Object newest = Warehouse.rows(c, "SELECT MAX(exported_at) AS newest FROM bronze.batches").get(0)
                    .get("newest");
            if (newest instanceof Timestamp ts) {
                return ts.toLocalDateTime();
            }
            if (newest instanceof LocalDateTime ldt) {
                return ldt;
            }
        }
        return LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    }

    private static long startRun(Connection c, String command) throws SQLException {
        long runId = Warehouse.scalar(c, "SELECT COALESCE(MAX(run_id), 0) + 1 FROM dq.runs");
        Warehouse.update(c, "INSERT INTO dq.runs (run_id, command, started_at, status) VALUES (?, ?, ?, 'running')",
                runId, command, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
        return runId;
    }

    private static void finishRun(Connection c, long runId, LocalDateTime asOf, Optional<CheckResult> blocked,
            boolean goldBuilt, boolean audited, Layer layer) throws SQLException {
        String status = blocked.isPresent() ? "blocked" : "ok";
        String message = blocked.map(r -> r.oneLine() + RunOutcome.consequence(goldBuilt, audited))
                .orElse(goldBuilt ? "every error check passed; gold published"
                        : "every error check passed" + (layer == null ? "" : "; built " + layer.name().toLowerCase()));
        Warehouse.update(c, "UPDATE dq.runs SET as_of = ?, status = ?, message = ? WHERE run_id = ?", asOf, status,
                message, runId);
    }
}
