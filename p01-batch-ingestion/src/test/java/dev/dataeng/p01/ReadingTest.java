package dev.dataeng.p01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTables;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.ingest.FileResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("a clean orders CSV loads every row, with the values the generator made (quotes and line breaks too)")
    void cleanCsvLoadsEveryRowWithTheGeneratorsValues() {
        ExportReport report = Fixture.export(dir, RawTables.ORDERS, RawExport.Format.CSV, Dirt.NONE, 0.2);
        String url = H2.fileUrl(dir, "wh");

        FileResult result = Fixture.ingestOne(url, report.file());

        assertThat(result.status()).as("status of orders.csv; message: %s", result.message())
                .isEqualTo(FileResult.Status.LOADED);
        assertThat(result.loaded()).as("rows loaded from a clean file of %d records", report.records())
                .isEqualTo(report.records());
        List<Map<String, Object>> rows = H2.rows(url, "SELECT order_id, status, total, instructions, ordered_at "
                + "FROM raw_orders ORDER BY order_id");
        List<Order> expected = Fixture.generator(0.2).orders().map(OrderBundle::order).toList();
        assertThat(rows).as("rows in raw_orders").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Order o = expected.get(i);
            Map<String, Object> row = rows.get(i);
            assertThat(((Number) row.get("ORDER_ID")).longValue()).as("order_id of row %d", i).isEqualTo(o.orderId());
            assertThat(row.get("STATUS")).as("status of order %d", o.orderId()).isEqualTo(o.status());
            assertThat((BigDecimal) row.get("TOTAL")).as("total of order %d", o.orderId())
                    .isEqualByComparingTo(o.total());
            assertThat(row.get("INSTRUCTIONS"))
                    .as("instructions of order %d (may hold commas, quotes and a line break: read quoted CSV "
                            + "fields whole)", o.orderId())
                    .isEqualTo(o.instructions() == null || o.instructions().isEmpty() ? null : o.instructions());
            assertThat(((OffsetDateTime) row.get("ORDERED_AT")).toInstant()).as("ordered_at of order %d",
                    o.orderId()).isEqualTo(o.orderedAt());
        }
        assertThat(expected).as("the sample must hold an instruction with a line break")
                .anyMatch(o -> o.instructions() != null && o.instructions().contains("\n"));
    }

    @Test
    @Checklist(id = "E2", points = 2)
    @DisplayName("CSV options: byte order mark, ';' delimiter, ISO-8859-1, columns found by header name, line numbers")
    void csvOptionsBomDelimiterEncodingAndLineNumbers() throws IOException {
        String body = "Opened;Name;Shop ID;Note\n"
                + "2025-01-02;Café Müller;1;\"first line\nsecond line; with \"\"quotes\"\"\"\n"
                + "2025-01-03;Spice Kitchen;2;\n"
                + "yesterday;Bad Date Shop;3;x\n"
                + "2025-01-04;Too;4;Many;Fields\n";
        for (String encoding : List.of("UTF-8", "ISO-8859-1")) {
            Path case1 = Files.createDirectories(dir.resolve(encoding));
            Files.writeString(case1.resolve("shops.yaml"), """
                    schemaVersion: 1
                    dataset: shops
                    table: shops
                    files: ["shops*.csv"]
                    uniqueKey: [shop_id]
                    input: {delimiter: ";", encoding: %s}
                    columns:
                      - {name: shop_id, source: "Shop ID", type: integer, required: true}
                      - {name: shop_name, source: Name, type: string, required: true}
                      - {name: note, source: Note, type: string}
                      - {name: opened, source: Opened, type: date, required: true}
                    """.formatted(encoding));
            Charset charset = Charset.forName(encoding);
            Path csv = case1.resolve("shops.csv");
            Files.write(csv, ((encoding.equals("UTF-8") ? "\uFEFF" : "") + body).getBytes(charset));
            String url = H2.fileUrl(case1, "wh");

            List<FileResult> results = Fixture.ingest(url, case1.resolve("shops.yaml"), csv,
                    dev.dataeng.p01.ingest.IngestOptions.defaults());

            FileResult r = results.get(0);
            assertThat(r.status()).as("%s file: status, message: %s (a BOM left in the first header name "
                    + "hides the column 'Opened')", encoding, r.message()).isEqualTo(FileResult.Status.LOADED);
            assertThat(List.of(r.read(), r.loaded(), r.quarantined())).as("%s file: read, loaded, quarantined",
                    encoding).containsExactly(4L, 2L, 2L);
            assertThat(H2.rows(url, "SELECT shop_name, note FROM shops WHERE shop_id = 1").get(0))
                    .as("%s file: shop 1, decoded with the schema's encoding, quoted field whole", encoding)
                    .containsEntry("SHOP_NAME", "Café Müller")
                    .containsEntry("NOTE", "first line\nsecond line; with \"quotes\"");
            assertThat(H2.rows(url, "SELECT note FROM shops WHERE shop_id = 2").get(0).get("NOTE"))
                    .as("an empty field loads as NULL").isNull();
            assertThat(H2.rows(url, "SELECT record_no, line_no, reasons FROM ingest_quarantine ORDER BY record_no"))
                    .extracting(q -> q.get("RECORD_NO") + "@" + q.get("LINE_NO") + " "
                            + ((String) q.get("REASONS")).split("[ :]")[0])
                    .as("%s file: record@line and reason of the quarantined records (record 1 spans lines 2-3; a "
                            + "record with more fields than the header is malformed)", encoding)
                    .containsExactly("3@5 BAD_DATE", "4@6 MALFORMED_RECORD");
        }
        assertThat(StandardCharsets.ISO_8859_1.newEncoder().canEncode("Café Müller")).isTrue();
    }

    @Test
    @Checklist(id = "E3", points = 2)
    @DisplayName("JSON Lines and a JSON array of the same orders load exactly the rows the CSV loads; a broken JSON "
            + "line is quarantined and the next line still read")
    void jsonLinesAndJsonArrayLoadTheSameRowsAsCsv() throws IOException {
        List<Map<String, Object>> csvRows = null;
        for (RawExport.Format format : RawExport.Format.values()) {
            Path folder = Files.createDirectories(dir.resolve(format.name()));
            ExportReport report = Fixture.export(folder, RawTables.ORDERS, format, Dirt.NONE, 0.1);
            String url = H2.fileUrl(folder, "wh");

            FileResult r = Fixture.ingestOne(url, report.file());

            assertThat(r.status()).as("%s: status, message: %s", report.file().getFileName(), r.message())
                    .isEqualTo(FileResult.Status.LOADED);
            assertThat(r.loaded()).as("%s: rows loaded", report.file().getFileName()).isEqualTo(report.records());
            List<Map<String, Object>> rows = Fixture.rows(url, "raw_orders", "order_id");
            if (csvRows == null) {
                csvRows = rows;
            } else {
                assertThat(rows).as("%s rows must equal the CSV's rows, value for value",
                        report.file().getFileName()).isEqualTo(csvRows);
            }
        }

        List<String> lines = Files.readAllLines(dir.resolve("JSON_LINES").resolve("orders.jsonl"));
        Path broken = Files.createDirectories(dir.resolve("broken")).resolve("orders.jsonl");
        Files.write(broken, List.of(lines.get(0), "{\"order_id\": 5, \"status\": ", "[1, 2]", lines.get(1)));
        String url = H2.fileUrl(dir.resolve("broken"), "wh");

        FileResult r = Fixture.ingestOne(url, broken);

        assertThat(List.of(r.read(), r.loaded(), r.quarantined())).as("broken JSON Lines file: read, loaded, "
                + "quarantined (message: %s)", r.message()).containsExactly(4L, 2L, 2L);
        assertThat(H2.rows(url, "SELECT line_no, reasons FROM ingest_quarantine ORDER BY line_no"))
                .extracting(q -> q.get("LINE_NO") + " " + ((String) q.get("REASONS")).split(":")[0])
                .as("quarantined lines and their reason").containsExactly("2 MALFORMED_RECORD", "3 MALFORMED_RECORD");
    }

    /** Not graded (the JSON number parsing is plumbing, not the learner's): decimals survive JSON exactly. */
    @Test
    @DisplayName("a JSON number with more digits than a double holds loads exactly, in JSON Lines and a JSON array")
    void jsonDecimalsAreExact() throws IOException {
        Path schema = Files.writeString(dir.resolve("big.yaml"), """
                schemaVersion: 1
                dataset: big
                table: big
                files: ["big*"]
                uniqueKey: [id]
                columns:
                  - {name: id, type: integer, required: true}
                  - {name: amount, type: decimal, precision: 20, scale: 2}
                """);
        String one = "{\"id\": 1, \"amount\": 12345678901234567.25}";
        String two = "{\"id\": 2, \"amount\": 100.50}";
        Files.writeString(Files.createDirectories(dir.resolve("in")).resolve("big.jsonl"), one + "\n" + two + "\n");
        Files.writeString(dir.resolve("in").resolve("big-array.json"), "[" + one.replace("\"id\": 1", "\"id\": 3")
                + ",\n" + two.replace("\"id\": 2", "\"id\": 4") + "]");
        String url = H2.fileUrl(dir, "wh");

        List<FileResult> results = Fixture.ingest(url, schema, dir.resolve("in"),
                dev.dataeng.p01.ingest.IngestOptions.defaults());

        assertThat(results).extracting(FileResult::loaded).as("rows loaded per file").containsExactly(2L, 2L);
        assertThat(H2.rows(url, "SELECT CAST(amount AS VARCHAR) AS a FROM big ORDER BY _ingestion_id, id"))
                .extracting(r -> r.get("A"))
                .as("amounts as loaded: a JSON number must not pass through a double (JsonRecordReader's mapper)")
                .containsExactly("12345678901234567.25", "100.50", "12345678901234567.25", "100.50");
    }
}
