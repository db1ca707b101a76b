package dev.dataeng.p01;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTables;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E11", points = 2)
    @DisplayName("running the same ingestion twice loads nothing new: tables, quarantine and log are unchanged")
    void rerunLoadsNothingNew() throws IOException {
        Path in = dir.resolve("in");
        RawExport export = new RawExport(Fixture.generator(0.1), Dirt.all(0.1));
        export.write(RawTables.ORDERS, RawExport.Format.CSV, in.resolve("orders.csv"));
        export.write(RawTables.ORDER_ITEMS, RawExport.Format.JSON_LINES, in.resolve("order_items.jsonl"));
        export.write(RawTables.DELIVERIES, RawExport.Format.JSON_ARRAY, in.resolve("deliveries.json"));
        String url = H2.fileUrl(dir, "wh");
        String state = "SELECT (SELECT COUNT(*) FROM raw_orders) * 1000000000000 + (SELECT COUNT(*) FROM "
                + "raw_order_items) * 1000000 + (SELECT COUNT(*) FROM raw_deliveries) * 1000 + "
                + "(SELECT COUNT(*) FROM ingest_quarantine)";

        List<FileResult> first = Fixture.ingest(url, Fixture.SCHEMAS, in, IngestOptions.defaults());
        long before = Fixture.count(url, state);
        List<FileResult> second = Fixture.ingest(url, Fixture.SCHEMAS, in, IngestOptions.defaults());

        assertThat(first).as("first run").extracting(FileResult::status).containsOnly(FileResult.Status.LOADED);
        assertThat(second).as("second run on the same files: each must be recognised in ingestion_log by name, "
                + "size, SHA-256 and schema version").extracting(FileResult::status)
                .containsOnly(FileResult.Status.ALREADY_LOADED);
        assertThat(Fixture.count(url, state)).as("row counts of the three tables and the quarantine "
                + "(encoded in one number) after the second run").isEqualTo(before);
        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM ingestion_log WHERE status = 'COMPLETED'"))
                .as("completed ingestions").isEqualTo(3);

        // The same export copied into a dated sub-folder: logged as "2025-01-31/orders.csv", another name, so
        // only the bytes (SHA-256, size) can tell it was loaded already.
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy.resolve("2025-01-31"));
        Files.copy(in.resolve("orders.csv"), copy.resolve("2025-01-31").resolve("orders.csv"));
        FileResult copied = Fixture.ingestOne(url, copy);
        assertThat(copied.fileName()).as("name of the copy in the log (relative to the input folder)")
                .isEqualTo("2025-01-31/orders.csv");
        assertThat(copied.status()).as("the same bytes under another name: already loaded, recognised by SHA-256 "
                + "and size, not by name (IngestionLog#decide); message: %s", copied.message())
                .isEqualTo(FileResult.Status.ALREADY_LOADED);
        assertThat(Fixture.count(url, state)).as("row counts after ingesting the copy").isEqualTo(before);
    }

    @Test
    @Checklist(id = "E12", points = 2)
    @DisplayName("a changed file with the same name is detected and refused (exit 3), and with --replace-changed "
            + "its old rows are replaced by the new ones; a new schema version counts as a change")
    void changedFileIsDetected() throws IOException {
        Path in = dir.resolve("in");
        Path csv = in.resolve("orders.csv");
        new RawExport(Fixture.generator(0.1), Dirt.NONE).write(RawTables.ORDERS, RawExport.Format.CSV, csv);
        String url = H2.fileUrl(dir, "wh");
        Fixture.ingestOne(url, csv);
        List<Map<String, Object>> original = Fixture.rows(url, "raw_orders", "order_id");

        ExportReport changed = new RawExport(new FoodDeliveryGenerator(GeneratorConfig.of(GradingSeed.of(99), 0.12)), Dirt.NONE)
                .write(RawTables.ORDERS, RawExport.Format.CSV, csv);
        Fixture.CliRun refused = Fixture.cli("ingest", "--schema", "schemas", "--input", in.toString(),
                "--jdbc-url", url);

        assertThat(refused.exitCode()).as("exit code when a file was refused; stdout: %s", refused.out())
                .isEqualTo(3);
        assertThat(refused.out()).as("what the CLI printed").contains("REFUSED").contains("orders.csv");
        assertThat(Fixture.rows(url, "raw_orders", "order_id")).as("raw_orders after the refused changed file")
                .isEqualTo(original);

        Fixture.CliRun replaced = Fixture.cli("ingest", "--schema", "schemas", "--input", in.toString(),
                "--jdbc-url", url, "--replace-changed");

        assertThat(replaced.exitCode()).as("exit code with --replace-changed; stdout: %s stderr: %s",
                replaced.out(), replaced.err()).isZero();
        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM raw_orders")).as("rows after replacing with the "
                + "changed file of %d records", changed.records()).isEqualTo(changed.records());
        assertThat(Fixture.count(url, "SELECT COUNT(DISTINCT _ingestion_id) FROM raw_orders"))
                .as("all rows come from one ingestion: the old file's rows are gone").isEqualTo(1);
        assertThat(H2.rows(url, "SELECT status FROM ingestion_log ORDER BY ingestion_id"))
                .extracting(r -> r.get("STATUS")).as("ingestion_log statuses")
                .containsExactly("REPLACED", "REFUSED", "COMPLETED");

        // The same bytes under a new version of the schema (say a column got a stricter rule): rows loaded under
        // version 1 are not proof that the file passes version 2, so it counts as changed too.
        Path v2 = Files.createDirectories(dir.resolve("schemas-v2")).resolve("orders.yaml");
        String orders = Files.readString(Path.of("schemas/orders.yaml"));
        assertThat(orders).as("the bundled orders schema is at version 1").contains("schemaVersion: 1\n");
        Files.writeString(v2, orders.replace("schemaVersion: 1\n", "schemaVersion: 2\n"));
        Fixture.CliRun newVersion = Fixture.cli("ingest", "--schema", v2.toString(), "--input", in.toString(),
                "--jdbc-url", url);

        assertThat(newVersion.exitCode()).as("exit code for the same file under schema version 2: a new schema "
                + "version is a change (IngestionLog#decide compares the schema version too); stdout: %s",
                newVersion.out()).isEqualTo(3);
        assertThat(newVersion.out()).as("what the CLI printed for the new schema version").contains("REFUSED");
    }

    @Test
    @Checklist(id = "E13", points = 3)
    @DisplayName("a process killed in the middle of a file leaves none of its rows; the rerun loads the file whole")
    void crashMidFileLeavesNothingAndRerunCompletes() throws Exception {
        ExportReport report = Fixture.export(dir, RawTables.ORDERS, RawExport.Format.CSV, Dirt.NONE, 0.5);
        String url = H2.fileUrl(dir, "wh");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cli.class.getName(),
                "ingest", "--schema", "schemas/orders.yaml", "--input", report.file().toString(),
                "--jdbc-url", url, "--batch-size", "500", "--crash-after-batches", "4"));
        Process crashing = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("crash.log").toFile()).start();
        assertThat(crashing.waitFor(120, TimeUnit.SECONDS)).as("the crashing ingestion ends").isTrue();
        assertThat(crashing.exitValue()).as("exit code of the halted JVM (output: %s)",
                Files.readString(dir.resolve("crash.log"))).isEqualTo(99);

        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM raw_orders"))
                .as("rows left by the process that died after 4 batches of 500: the whole file must be one "
                        + "transaction, committed only at its end (FileIngester)").isZero();
        assertThat(H2.rows(url, "SELECT status FROM ingestion_log")).extracting(r -> r.get("STATUS"))
                .as("the log shows the attempt that never finished").containsExactly("RUNNING");

        FileResult rerun = Fixture.ingestOne(url, report.file());

        assertThat(rerun.status()).as("the rerun, message: %s", rerun.message()).isEqualTo(FileResult.Status.LOADED);
        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM raw_orders")).as("rows after the rerun")
                .isEqualTo(report.records());
        assertThat(H2.rows(url, "SELECT status FROM ingestion_log ORDER BY ingestion_id"))
                .extracting(r -> r.get("STATUS")).as("the crashed attempt is closed as ABORTED")
                .containsExactly("ABORTED", "COMPLETED");
    }
}
