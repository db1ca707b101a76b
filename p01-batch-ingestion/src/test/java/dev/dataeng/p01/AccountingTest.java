package dev.dataeng.p01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTable;
import dev.dataeng.common.fooddelivery.RawTables;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E8", points = 2)
    @DisplayName("a quarantined record keeps its file, record and line number, the record as written, and EVERY "
            + "reason it failed (pattern, date, required)")
    void quarantineKeepsTheRawRecordAndEveryReason() throws IOException {
        Path csv = dir.resolve("customers-extra.csv");
        String bad = "7,,not-an-email,+919812345678,3,2025-02-30,2025-01-01T10:00:00Z";
        Files.writeString(csv, "customer_id,name,email,phone,city_id,signup_date,updated_at\n"
                + "6,Asha Rao,asha@example.in,,3,2024-12-01,2025-01-01T10:00:00Z\n"
                + bad + "\n");
        String url = H2.fileUrl(dir, "wh");

        FileResult r = Fixture.ingestOne(url, csv);

        assertThat(List.of(r.read(), r.loaded(), r.quarantined())).as("read, loaded, quarantined")
                .containsExactly(2L, 1L, 1L);
        List<Map<String, Object>> rows = H2.rows(url, "SELECT * FROM ingest_quarantine");
        assertThat(rows).as("rows in ingest_quarantine").hasSize(1);
        Map<String, Object> q = rows.get(0);
        assertThat(q).as("where the record was").containsEntry("FILE_NAME", "customers-extra.csv")
                .containsEntry("RECORD_NO", 2L).containsEntry("LINE_NO", 3L).containsEntry("DATASET", "customers");
        assertThat((String) q.get("RAW_RECORD")).as("the record as written in the file").isEqualTo(bad);
        assertThat((String) q.get("REASONS"))
                .as("every reason, not only the first: validate all columns before deciding (RowValidator)")
                .contains("MISSING_REQUIRED name").contains("PATTERN_MISMATCH email").contains("BAD_DATE signup_date");
    }

    @Test
    @Checklist(id = "E9", points = 3)
    @DisplayName("with every kind of dirt, each file accounts for every record: read = loaded + quarantined + "
            + "duplicates, matching the export's ground truth, in the tables and in the ingestion log")
    void everyRecordIsAccountedFor() {
        Map<RawTable<?>, RawExport.Format> formats = Map.of(RawTables.CITIES, RawExport.Format.CSV,
                RawTables.RESTAURANTS, RawExport.Format.JSON_ARRAY, RawTables.CUSTOMERS, RawExport.Format.CSV,
                RawTables.ORDERS, RawExport.Format.CSV, RawTables.ORDER_ITEMS, RawExport.Format.JSON_LINES,
                RawTables.DELIVERIES, RawExport.Format.JSON_ARRAY);
        RawExport export = new RawExport(Fixture.generator(0.3), Dirt.all(0.12));
        List<ExportReport> reports = new ArrayList<>();
        formats.forEach((table, format) -> reports.add(export.write(table, format,
                dir.resolve("in").resolve(table.name() + "." + format.extension()))));
        String url = H2.fileUrl(dir, "wh");

        Map<String, FileResult> results = Fixture.ingest(url, Fixture.SCHEMAS, dir.resolve("in"),
                IngestOptions.defaults()).stream().collect(Collectors.toMap(FileResult::fileName, r -> r));

        for (ExportReport report : reports) {
            String file = report.file().getFileName().toString();
            FileResult r = results.get(file);
            assertThat(r).as("a result for %s", file).isNotNull();
            long invalid = report.count(DirtKind.Effect.INVALID);
            long corrections = report.count(DirtKind.CORRECTION);
            long duplicates = report.count(DirtKind.DUPLICATE);
            assertThat(r.read()).as("%s: records read", file).isEqualTo(report.records());
            assertThat(r.read()).as("%s: read = loaded + quarantined + duplicates", file)
                    .isEqualTo(r.loaded() + r.quarantined() + r.duplicates());
            assertThat(r.quarantined()).as("%s: quarantined = invalid records (%d) + corrections (%d)", file,
                    invalid, corrections).isEqualTo(invalid + corrections);
            assertThat(r.duplicates()).as("%s: duplicates = exact repeats in the export", file).isEqualTo(duplicates);
            assertThat(Fixture.count(url, "SELECT COUNT(*) FROM raw_" + report.table()))
                    .as("%s: rows in raw_%s (semantic dirt such as orphan keys is loaded; p02 checks it)", file,
                            report.table())
                    .isEqualTo(report.records() - invalid - corrections - duplicates);
            assertThat(Fixture.count(url, "SELECT COUNT(*) FROM ingest_quarantine WHERE file_name = '" + file + "'"))
                    .as("%s: rows in ingest_quarantine", file).isEqualTo(invalid + corrections);
            List<Map<String, Object>> log = H2.rows(url, "SELECT status, rows_read, rows_loaded, rows_quarantined, "
                    + "rows_duplicate FROM ingestion_log WHERE file_name = '" + file + "'");
            assertThat(log).as("%s: its ingestion_log row", file).containsExactly(Map.of("STATUS", "COMPLETED",
                    "ROWS_READ", r.read(), "ROWS_LOADED", r.loaded(), "ROWS_QUARANTINED", r.quarantined(),
                    "ROWS_DUPLICATE", r.duplicates()));
        }
        long semantic = reports.stream().mapToLong(rep -> rep.count(DirtKind.Effect.SEMANTIC)).sum();
        assertThat(semantic).as("the export must hold semantic dirt (orphan keys, delivery before pickup)")
                .isPositive();
    }

    @Test
    @Checklist(id = "E10", points = 2)
    @DisplayName("an exact duplicate is counted, not loaded; a same-key row with other values (a correction) is "
            + "quarantined as KEY_CONFLICT and the first version stays, however often the key repeats")
    void duplicatesAreCountedAndCorrectionsQuarantined() throws IOException {
        ExportReport report = Fixture.export(dir, RawTables.ORDERS, RawExport.Format.CSV,
                Dirt.of(0.1, DirtKind.DUPLICATE, DirtKind.CORRECTION), 0.2);
        String url = H2.fileUrl(dir, "wh");

        FileResult r = Fixture.ingestOne(url, report.file());

        assertThat(r.duplicates()).as("duplicates counted").isEqualTo(report.count(DirtKind.DUPLICATE));
        assertThat(Fixture.quarantinedRecordNumbers(url, "orders.csv", "KEY_CONFLICT%"))
                .as("records quarantined as KEY_CONFLICT must be exactly the corrections (KeyTracker)")
                .isEqualTo(Fixture.recordNumbers(report, DirtKind.CORRECTION));
        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM raw_orders")).as("one row per order")
                .isEqualTo(Fixture.generator(0.2).config().orderCount());
        FoodDeliveryGenerator generator = Fixture.generator(0.2);
        Set<String> corrected = report.dirty().stream().filter(d -> d.kind() == DirtKind.CORRECTION)
                .map(DirtyRecord::key).collect(Collectors.toSet());
        assertThat(corrected).as("the export must hold corrections").isNotEmpty();
        for (String key : corrected) {
            Order original = generator.order(Long.parseLong(key)).order();
            Map<String, Object> row = H2.rows(url, "SELECT status, updated_at FROM raw_orders WHERE order_id = "
                    + key).get(0);
            assertThat(row.get("STATUS")).as("order %s keeps the first version's status", key)
                    .isEqualTo(original.status());
            assertThat(((OffsetDateTime) row.get("UPDATED_AT")).toInstant())
                    .as("order %s keeps the first version's updated_at", key).isEqualTo(original.updatedAt());
        }

        // A dataset without a uniqueKey: the whole row is the key, so exact repeats are still duplicates and rows
        // that merely differ are all loaded (no KEY_CONFLICT between rows that share no declared key).
        Path noKey = Files.createDirectories(dir.resolve("nokey"));
        Path schema = Files.writeString(noKey.resolve("ratings.yaml"), """
                schemaVersion: 1
                dataset: ratings
                table: ratings
                files: ["ratings*.csv"]
                columns:
                  - {name: restaurant_id, type: integer, required: true}
                  - {name: stars, type: integer, required: true}
                """);
        Path csv = Files.writeString(noKey.resolve("ratings.csv"),
                "restaurant_id,stars\n1,5\n1,4\n1,5\n2,5\n 1 , 4 \n");
        String noKeyUrl = H2.fileUrl(noKey, "wh");

        FileResult ratings = Fixture.ingest(noKeyUrl, schema, csv, IngestOptions.defaults()).get(0);

        assertThat(List.of(ratings.read(), ratings.loaded(), ratings.quarantined(), ratings.duplicates()))
                .as("ratings.csv without a uniqueKey (1,5 / 1,4 / 1,5 / 2,5 / ' 1 , 4 '): read, loaded, quarantined, "
                        + "duplicates; the whole normalised row is the key (KeyTracker); message: %s",
                        ratings.message())
                .containsExactly(5L, 3L, 0L, 2L);

        // A key seen three times or more: every repeat is compared with the version that was LOADED (the first),
        // never with the last one seen. Key 1: a, b, b -> both b's are conflicts with a. Key 3: y, z, y -> z is a
        // conflict, the second y an exact duplicate of the loaded y.
        Path repeats = Files.createDirectories(dir.resolve("repeats"));
        Path repeatSchema = Files.writeString(repeats.resolve("notes.yaml"), """
                schemaVersion: 1
                dataset: notes
                table: notes
                files: ["notes*.csv"]
                uniqueKey: [id]
                columns:
                  - {name: id, type: integer, required: true}
                  - {name: note, type: string, required: true}
                """);
        Path notes = Files.writeString(repeats.resolve("notes.csv"),
                "id,note\n1,a\n2,x\n1,b\n1,b\n3,y\n3,z\n3,y\n");
        String repeatsUrl = H2.fileUrl(repeats, "wh");

        FileResult n = Fixture.ingest(repeatsUrl, repeatSchema, notes, IngestOptions.defaults()).get(0);

        assertThat(Fixture.quarantinedRecordNumbers(repeatsUrl, "notes.csv", "KEY_CONFLICT%"))
                .as("notes.csv (1,a / 2,x / 1,b / 1,b / 3,y / 3,z / 3,y): records quarantined as KEY_CONFLICT. A "
                        + "repeated key is compared with the version that was loaded, not with the last one seen: "
                        + "records 3 and 4 differ from the loaded 1,a; record 7 equals the loaded 3,y (KeyTracker)")
                .containsExactlyInAnyOrder(3L, 4L, 6L);
        assertThat(List.of(n.read(), n.loaded(), n.quarantined(), n.duplicates()))
                .as("notes.csv: read, loaded, quarantined, duplicates; message: %s", n.message())
                .containsExactly(7L, 3L, 3L, 1L);
        assertThat(H2.rows(repeatsUrl, "SELECT id, note FROM notes ORDER BY id"))
                .as("notes: the first version of each key is the one loaded")
                .containsExactly(Map.of("ID", 1L, "NOTE", "a"), Map.of("ID", 2L, "NOTE", "x"),
                        Map.of("ID", 3L, "NOTE", "y"));
    }
}
