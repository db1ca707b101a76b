package dev.dataeng.p02;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.generate.RawFiles;
import dev.dataeng.p02.pipeline.Layer;
import dev.dataeng.p02.pipeline.Pipeline;
import dev.dataeng.p02.pipeline.RunOutcome;
import dev.dataeng.p02.pipeline.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A test's world: raw files generated with known dirt (the export reports are the ground truth), and an H2 file
 * warehouse to run the pipeline into.
 */
record Fixture(Path input, String url, GeneratorConfig config, List<ExportReport> reports) {

    static Fixture create(Path dir, GeneratorConfig config, Dirt dirt) {
        Path input = dir.resolve("raw");
        List<ExportReport> reports = RawFiles.generate(config, dirt, input);
        // keep the database open between the test's many small queries (each would otherwise reopen the file)
        return new Fixture(input, H2.fileUrl(dir, "warehouse") + ";DB_CLOSE_DELAY=-1", config, reports);
    }

    FoodDeliveryGenerator generator() {
        return new FoodDeliveryGenerator(config);
    }

    /** Lands bronze and builds silver (no gold): what the silver-layer tests need. */
    RunOutcome runToSilver() {
        run(Layer.BRONZE);
        return run(Layer.SILVER);
    }

    RunOutcome run(Layer layer) {
        return run(layer, CheckSuite.defaults());
    }

    RunOutcome run(Layer layer, CheckSuite suite) {
        return new Pipeline(new Warehouse(url), suite, Optional.empty(), line -> { }).run(layer, input);
    }

    ExportReport report(String table) {
        return reports.stream().filter(r -> r.table().equals(table)).findFirst().orElseThrow();
    }

    List<DirtyRecord> dirty(String table, DirtKind kind) {
        return report(table).dirty().stream().filter(d -> d.kind() == kind).toList();
    }

    Set<Long> recordNumbers(String table, DirtKind kind) {
        return dirty(table, kind).stream().map(DirtyRecord::recordNumber).collect(Collectors.toSet());
    }

    long scalar(String sql) {
        return H2.scalar(url, sql);
    }

    List<Map<String, Object>> rows(String sql) {
        return H2.rows(url, sql);
    }

    /** Record numbers of one table in {@code dq.quarantine} matching a SQL condition. */
    Set<Long> quarantined(String table, String condition) {
        return rows("SELECT DISTINCT record_no FROM dq.quarantine WHERE table_name = '" + table + "' AND " + condition)
                .stream().map(r -> ((Number) r.get("RECORD_NO")).longValue()).collect(Collectors.toSet());
    }

    /**
     * The contract declares {@code orders.discount} as {@code on_null: default 0.00}: a record of the report whose
     * discount was blanked is loaded with the default (or caught by the check that the total adds up), not
     * quarantined as {@code missing_required}.
     */
    static boolean defaultedByRule(String table, DirtyRecord d) {
        return d.kind() == DirtKind.MISSING_REQUIRED && table.equals("orders") && d.column().equals("discount");
    }

    /** Keys of the orders whose blanked discount was not zero: the total contradicts the default 0.00. */
    Set<String> contradictedDefaults() {
        Set<String> defaulted = report("orders").dirty().stream().filter(d -> defaultedByRule("orders", d))
                .map(DirtyRecord::key).collect(Collectors.toSet());
        return generator().orders().map(b -> b.order())
                .filter(o -> defaulted.contains(String.valueOf(o.orderId())) && o.discount().signum() != 0)
                .map(o -> String.valueOf(o.orderId())).collect(Collectors.toSet());
    }

    static final List<String> TABLES = List.of("restaurants", "customers", "orders", "order_items", "deliveries");
}
