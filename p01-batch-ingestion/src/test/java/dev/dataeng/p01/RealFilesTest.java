package dev.dataeng.p01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.schema.SchemaException;
import dev.dataeng.p01.schema.SchemaLoader;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files the module never saw (issue 14): a file of random bytes, bytes that are not UTF-8, columns named
 * like SQL keywords, a timestamp column with a date-only format, a read-only database, an over-long JSON string,
 * dates out of range, identical rows that are genuine events, long dataset names. Every file here is written as
 * bytes into a temporary folder and goes through the CLI (or the job), as a user's would.
 */
class RealFilesTest {

    /** A Java class name in a message a user reads ({@code JdbcSQLNonTransientException}, {@code java.io…}). */
    private static final String CLASS_NAME = "(?s).*(\\b[A-Z][A-Za-z]+(Exception|Error)\\b|\\bjava\\.|\\borg\\.).*";

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E19", points = 2)
    @DisplayName("a file of random bytes named .json fails instead of 'loading' nothing (default maxBadFraction 0.5): "
            + "rolled back, exit 3, one line with the counts and the threshold; maxBadRecords stops a file at the "
            + "first record over it")
    void aFileThatIsMostlyBadFails() throws IOException {
        Path schema = Files.writeString(dir.resolve("events.yaml"), """
                schemaVersion: 1
                dataset: events
                table: events
                files: ["events*.json", "events*.csv"]
                columns:
                  - {name: id, type: integer, required: true}
                  - {name: kind, type: string, required: true}
                """);
        byte[] noise = new byte[64 * 1024];
        new Random(GradingSeed.of(14)).nextBytes(noise);
        noise[0] = noise[0] == '[' ? (byte) '#' : noise[0]; // JSON Lines, not a (broken) array
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("events-noise.json"), noise);
        long records = new BufferedReader(new StringReader(new String(noise, StandardCharsets.UTF_8))).lines()
                .filter(l -> !l.isBlank()).count();
        String url = H2.fileUrl(dir, "wh");

        Fixture.CliRun run = Fixture.cli("ingest", "--schema", schema.toString(), "--input", in.toString(),
                "--jdbc-url", url);

        assertThat(run.exitCode()).as("exit code of a file that is nothing but bad records (stdout: %s, stderr: %s)",
                run.out(), run.err()).isEqualTo(3);
        List<String> lines = run.out().lines().filter(l -> l.startsWith("events-noise.json")).toList();
        assertThat(lines).as("one line for the file").hasSize(1);
        assertThat(lines.get(0)).as("the file's line says it failed, why, with the counts and the threshold")
                .contains("FAILED").contains(String.format(Locale.ROOT, "%,d", records)).contains("maxBadFraction")
                .contains("0.5").doesNotMatch(CLASS_NAME);
        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM ingest_quarantine"))
                .as("rolled back: no quarantined record of the failed file stays").isZero();
        assertThat(H2.rows(url, "SELECT status FROM ingestion_log")).as("the log")
                .containsExactly(Map.of("STATUS", "FAILED"));

        // A count limit: the third bad record of ten is one too many for maxBadRecords 2, not for 3.
        StringBuilder csv = new StringBuilder("id,kind\n");
        for (int i = 1; i <= 10; i++) {
            csv.append(i % 4 == 0 ? "x" + i : String.valueOf(i)).append(",click\n"); // records 4, 8 bad
        }
        csv.append("11,\n"); // record 11 bad (kind required), on line 12
        for (int limit : List.of(2, 3)) {
            Path folder = Files.createDirectories(dir.resolve("limit" + limit));
            Path s = Files.writeString(folder.resolve("events.yaml"), Files.readString(schema)
                    .replace("files:", "maxBadRecords: " + limit + "\nfiles:"));
            Files.writeString(folder.resolve("events-day.csv"), csv);
            String u = H2.fileUrl(folder, "wh");
            Fixture.CliRun r = Fixture.cli("ingest", "--schema", s.toString(), "--input",
                    folder.resolve("events-day.csv").toString(), "--jdbc-url", u);
            if (limit == 2) {
                assertThat(r.exitCode()).as("3 bad records, maxBadRecords 2: exit code (stdout %s)", r.out())
                        .isEqualTo(3);
                assertThat(r.out()).as("the line names the limit and where it was crossed").contains("FAILED")
                        .contains("maxBadRecords 2").contains("line 12");
                assertThat(Fixture.count(u, "SELECT COUNT(*) FROM events")).as("rows left by the failed file")
                        .isZero();
            } else {
                assertThat(r.exitCode()).as("3 bad records, maxBadRecords 3: exit code (stdout %s)", r.out())
                        .isZero();
                assertThat(Fixture.count(u, "SELECT COUNT(*) FROM events")).as("rows loaded").isEqualTo(8);
                assertThat(Fixture.count(u, "SELECT COUNT(*) FROM ingest_quarantine")).as("quarantined")
                        .isEqualTo(3);
            }
        }
    }

    @Test
    @Checklist(id = "E20", points = 2)
    @DisplayName("bytes that are not valid UTF-8 (ISO-8859-1 text in a file declared UTF-8) are caught, not loaded "
            + "as U+FFFD: the record is quarantined as BAD_ENCODING with its line; valid UTF-8 loads exactly")
    void invalidBytesInTheDeclaredEncodingAreQuarantined() throws IOException {
        Files.writeString(dir.resolve("shops.yaml"), """
                schemaVersion: 1
                dataset: shops
                table: shops
                files: ["shops*"]
                uniqueKey: [id]
                columns:
                  - {name: id, type: integer, required: true}
                  - {name: name, type: string, required: true}
                  - {name: city, type: string}
                """);
        Path in = Files.createDirectories(dir.resolve("in"));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("id,name,city\n1,Café Müller,Köln\n".getBytes(StandardCharsets.UTF_8));
        csv.writeBytes("2,Café Latin,Paris\n".getBytes(StandardCharsets.ISO_8859_1)); // line 3: byte E9
        csv.writeBytes("3,Plain,Roma\n4,\"two\nlines Grüß\",Wien\n".getBytes(StandardCharsets.UTF_8));
        csv.writeBytes("5,\"on two\nlines Grüß\",Wien\n".getBytes(StandardCharsets.ISO_8859_1)); // line 8: FC DF
        Files.write(in.resolve("shops.csv"), csv.toByteArray());
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        jsonl.writeBytes("{\"id\": 11, \"name\": \"Zoë\"}\n".getBytes(StandardCharsets.UTF_8));
        jsonl.writeBytes("{\"id\": 12, \"name\": \"Noël\"}\n".getBytes(StandardCharsets.ISO_8859_1)); // line 2
        Files.write(in.resolve("shops.jsonl"), jsonl.toByteArray());
        String url = H2.fileUrl(dir, "wh");

        Fixture.CliRun run = Fixture.cli("ingest", "--schema", dir.resolve("shops.yaml").toString(), "--input",
                in.toString(), "--jdbc-url", url);

        assertThat(run.exitCode()).as("exit code (stdout: %s, stderr: %s)", run.out(), run.err()).isZero();
        assertThat(H2.rows(url, "SELECT file_name, record_no, line_no, reasons FROM ingest_quarantine "
                + "ORDER BY file_name, record_no").stream().map(r -> r.get("FILE_NAME") + " record "
                + r.get("RECORD_NO") + " line " + r.get("LINE_NO") + " " + firstWord(r.get("REASONS"))).toList())
                .as("quarantined: exactly the records holding ISO-8859-1 bytes, as BAD_ENCODING, with their lines")
                .containsExactly("shops.csv record 2 line 3 BAD_ENCODING", "shops.csv record 5 line 7 BAD_ENCODING",
                        "shops.jsonl record 2 line 2 BAD_ENCODING");
        assertThat(H2.rows(url, "SELECT reasons FROM ingest_quarantine WHERE record_no = 5").get(0).get("REASONS")
                .toString()).as("the reason names the line and the bytes").contains("line 8").contains("FC");
        Map<Object, Object> names = H2.rows(url, "SELECT id, name FROM shops").stream()
                .collect(Collectors.toMap(r -> r.get("ID"), r -> r.get("NAME")));
        assertThat(names).as("loaded rows: valid UTF-8 read exactly, no U+FFFD anywhere")
                .isEqualTo(Map.of(1L, "Café Müller", 3L, "Plain", 4L, "two\nlines Grüß", 11L, "Zoë"));
        assertThat(run.out()).as("accounting of shops.csv: read 5 = loaded 3 + quarantined 2")
                .contains("read       5  loaded       3  quarantined     2  duplicates     0");
    }

    @Test
    @Checklist(id = "E21", points = 2)
    @DisplayName("a table and columns named like SQL keywords (order, year, value, key, day, month, group) load, "
            + "re-run and are replaced: every statement quotes the names")
    void sqlKeywordsAsNamesWork() throws IOException {
        Path schema = Files.writeString(dir.resolve("order.yaml"), Fixture.KEYWORD_SCHEMA);
        Path in = Files.createDirectories(dir.resolve("in"));
        Path csv = Files.writeString(in.resolve("order.csv"), Fixture.KEYWORD_CSV
                + "b,2025,7,2,2025-02-28,Feb,y\n"); // "b" again: an exact duplicate
        String url = H2.fileUrl(dir, "wh");
        String[] args = {"ingest", "--schema", schema.toString(), "--input", in.toString(), "--jdbc-url", url};

        Fixture.CliRun first = Fixture.cli(args);
        assertThat(first.exitCode()).as("first run (stdout: %s, stderr: %s)", first.out(), first.err()).isZero();
        assertThat(first.out()).as("first run").contains("read       3  loaded       2").contains("duplicates     1");
        assertThat(rowsOf(url, "order")).as("rows of the table 'order'").containsExactlyInAnyOrder(
                Map.of("key", "a", "year", 2024L, "value", new BigDecimal("12.50"), "order", 1L,
                        "day", LocalDate.of(2024, 1, 31), "month", "Jan", "group", "x"),
                Map.of("key", "b", "year", 2025L, "value", new BigDecimal("7.00"), "order", 2L,
                        "day", LocalDate.of(2025, 2, 28), "month", "Feb", "group", "y"));

        Fixture.CliRun again = Fixture.cli(args);
        assertThat(again.exitCode()).as("re-run (stdout: %s, stderr: %s)", again.out(), again.err()).isZero();
        assertThat(again.out()).as("re-run").contains("already loaded");

        Files.writeString(csv, "key,year,value,order,day,month,group\nc,2026,1,3,2026-03-01,Mar,z\n");
        String[] replace = Arrays.copyOf(args, args.length + 1);
        replace[args.length] = "--replace-changed";
        Fixture.CliRun replaced = Fixture.cli(replace);
        assertThat(replaced.exitCode()).as("--replace-changed (stdout: %s, stderr: %s)", replaced.out(),
                replaced.err()).isZero();
        assertThat(rowsOf(url, "order")).as("after --replace-changed: only the new file's row")
                .extracting(r -> r.get("key")).containsExactly("c");
    }

    @Test
    @Checklist(id = "E22", points = 2)
    @DisplayName("a timestamp column with a date-only format loads the date as midnight in the schema's zone; a "
            + "timestamp format without a date is rejected by the schema check")
    void dateOnlyTimestampFormatIsMidnightInTheZone() throws IOException {
        Path schema = Files.writeString(dir.resolve("visits.yaml"), """
                schemaVersion: 1
                dataset: visits
                table: visits
                files: ["visits*.csv"]
                uniqueKey: [id]
                input:
                  timestampFormats: ["yyyy-MM-dd HH:mm", "dd/MM/yyyy"]
                  timeZone: Asia/Kolkata
                columns:
                  - {name: id, type: integer, required: true}
                  - {name: seen_at, type: timestamp, required: true}
                """);
        Path csv = Files.writeString(dir.resolve("visits.csv"), "id,seen_at\n1,2025-03-01 10:00\n2,02/03/2025\n"
                + "3,31/02/2025\n");
        String url = H2.fileUrl(dir, "wh");

        Fixture.CliRun run = Fixture.cli("ingest", "--schema", schema.toString(), "--input", csv.toString(),
                "--jdbc-url", url);

        assertThat(run.exitCode()).as("exit code (stdout: %s, stderr: %s)", run.out(), run.err()).isZero();
        Map<Object, Instant> seen = H2.rows(url, "SELECT id, seen_at FROM visits").stream().collect(
                Collectors.toMap(r -> r.get("ID"), r -> ((OffsetDateTime) r.get("SEEN_AT")).toInstant()));
        assertThat(seen).as("10:00 and midnight in Asia/Kolkata (UTC+05:30), as instants")
                .isEqualTo(Map.of(1L, Instant.parse("2025-03-01T04:30:00Z"), 2L, Instant.parse("2025-03-01T18:30:00Z")));
        assertThat(H2.rows(url, "SELECT reasons FROM ingest_quarantine").get(0).get("REASONS").toString())
                .as("31 February is still no date").startsWith("BAD_DATE");

        Path timeOnly = Files.writeString(dir.resolve("times.yaml"), Files.readString(schema)
                .replace("\"dd/MM/yyyy\"", "\"HH:mm\""));
        SchemaException e = Assertions.catchThrowableOfType(SchemaException.class,
                () -> SchemaLoader.loadFile(timeOnly));
        assertThat(e).as("a timestamp format with a time but no date must be rejected by the schema check")
                .isNotNull();
        assertThat(e.getMessage()).as("one line naming the file and the format").contains("times.yaml")
                .contains("HH:mm").doesNotContain("\n");
    }

    @Test
    @Checklist(id = "E23", points = 2)
    @DisplayName("errors in words, never Java class names: a read-only database is one 'error:' line; an "
            + "over-long JSON string is reported with its line (a JSON array fails, a JSON Lines record is quarantined)")
    void errorsAreSentencesWithTheirLine() throws IOException {
        Path schema = Files.writeString(dir.resolve("notes.yaml"), """
                schemaVersion: 1
                dataset: notes
                table: notes
                files: ["notes*"]
                uniqueKey: [id]
                columns:
                  - {name: id, type: integer, required: true}
                  - {name: note, type: string}
                """);
        Path in = Files.createDirectories(dir.resolve("in"));
        String huge = "x".repeat(20_000_001);
        Files.writeString(in.resolve("notes-array.json"), "[\n {\"id\": 1, \"note\": \"ok\"},\n {\"id\": 2, "
                + "\"note\": \"" + huge + "\"},\n {\"id\": 3, \"note\": \"ok\"}\n]\n");
        Files.writeString(in.resolve("notes-lines.jsonl"), "{\"id\": 11, \"note\": \"ok\"}\n{\"id\": 12, \"note\": \""
                + huge + "\"}\n{\"id\": 13, \"note\": \"ok\"}\n");
        String url = H2.fileUrl(dir, "wh");

        Fixture.CliRun run = Fixture.cli("ingest", "--schema", schema.toString(), "--input", in.toString(),
                "--jdbc-url", url);

        String array = run.out().lines().filter(l -> l.startsWith("notes-array.json")).findFirst().orElse("");
        assertThat(array).as("the JSON array cannot be read past the over-long string: the file fails, saying "
                + "where (stdout: %s)", run.out()).contains("FAILED").contains("line 3").doesNotContain("line ?")
                .doesNotMatch(CLASS_NAME).doesNotContain("`");
        assertThat(H2.rows(url, "SELECT line_no, reasons FROM ingest_quarantine")).as("the JSON Lines file: "
                + "the record with the over-long string quarantined with its line, the next line read")
                .singleElement().satisfies(r -> {
                    assertThat(r.get("LINE_NO")).isEqualTo(2L);
                    assertThat(r.get("REASONS").toString()).startsWith("MALFORMED_RECORD").doesNotMatch(CLASS_NAME)
                            .doesNotContain("`");
                });
        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM notes")).as("rows of notes-lines.jsonl").isEqualTo(2);

        Path csv = Files.writeString(dir.resolve("notes-more.csv"), "id,note\n21,a\n");
        Fixture.CliRun readOnly = Fixture.cli("ingest", "--schema", schema.toString(), "--input", csv.toString(),
                "--jdbc-url", url + ";ACCESS_MODE_DATA=r");
        List<String> err = readOnly.err().lines().toList();
        assertThat(readOnly.exitCode()).as("a read-only database: exit code (stdout: %s, stderr: %s)",
                readOnly.out(), readOnly.err()).isNotZero();
        assertThat(err).as("stderr: one line").hasSize(1);
        assertThat(err.get(0)).as("the line says in words that the database is read-only").startsWith("error: ")
                .containsIgnoringCase("read-only").doesNotMatch(CLASS_NAME);
    }

    @Test
    @Checklist(id = "E24", points = 2)
    @DisplayName("min/max on date and timestamp columns: a release date in 2039 is quarantined as OUT_OF_RANGE, "
            + "the bounds themselves load; a min after its max is rejected by the schema check")
    void datesHaveMinAndMax() throws IOException {
        Path schema = Files.writeString(dir.resolve("films.yaml"), """
                schemaVersion: 1
                dataset: films
                table: films
                files: ["films*.csv"]
                uniqueKey: [id]
                columns:
                  - {name: id, type: integer, required: true}
                  - {name: released, type: date, min: 1888-10-14, max: "2030-12-31"}
                  - {name: added_at, type: timestamp, min: "2000-01-01T00:00:00Z"}
                """);
        Path csv = Files.writeString(dir.resolve("films.csv"), """
                id,released,added_at
                1,1888-10-14,2000-01-01T00:00:00Z
                2,2030-12-31,2024-05-01T12:00:00+02:00
                3,2039-05-01,2024-05-01T12:00:00Z
                4,1888-10-13,2024-05-01T12:00:00Z
                5,1999-01-01,1999-12-31T23:59:59Z
                6,1999-01-01,
                7,,
                """);
        String url = H2.fileUrl(dir, "wh");

        Fixture.CliRun run = Fixture.cli("ingest", "--schema", schema.toString(), "--input", csv.toString(),
                "--jdbc-url", url);

        assertThat(run.exitCode()).as("exit code (stdout: %s, stderr: %s)", run.out(), run.err()).isZero();
        assertThat(H2.rows(url, "SELECT id FROM films ORDER BY id")).as("loaded: the bounds themselves")
                .containsExactly(Map.of("ID", 1L), Map.of("ID", 2L), Map.of("ID", 6L), Map.of("ID", 7L));
        Map<Object, String> reasons = H2.rows(url, "SELECT record_no, reasons FROM ingest_quarantine").stream()
                .collect(Collectors.toMap(r -> r.get("RECORD_NO"), r -> r.get("REASONS").toString()));
        assertThat(reasons).as("quarantined records").containsOnlyKeys(3L, 4L, 5L);
        assertThat(reasons.get(3L)).as("2039: after max").startsWith("OUT_OF_RANGE released");
        assertThat(reasons.get(4L)).as("a day before min").startsWith("OUT_OF_RANGE released");
        assertThat(reasons.get(5L)).as("a second before the timestamp's min").startsWith("OUT_OF_RANGE added_at");

        Path upsideDown = Files.writeString(dir.resolve("upside.yaml"), Files.readString(schema)
                .replace("min: 1888-10-14", "min: 2031-01-01"));
        SchemaException e = Assertions.catchThrowableOfType(SchemaException.class,
                () -> SchemaLoader.loadFile(upsideDown));
        assertThat(e).as("a date column whose min is after its max must be rejected").isNotNull();
        assertThat(e.getMessage()).as("one line naming the file and the column").contains("upside.yaml")
                .contains("released");
    }

    @Test
    @Checklist(id = "E25", points = 2)
    @DisplayName("identicalRows: keep says identical rows are genuine events: all load, no duplicates counted, and "
            + "read = loaded + quarantined + duplicates still holds; by default they are counted as duplicates")
    void identicalRowsCanBeGenuineEvents() throws IOException {
        String schemaText = """
                schemaVersion: 1
                dataset: clicks
                table: clicks
                files: ["clicks*.csv"]
                identicalRows: keep
                columns:
                  - {name: page, type: string, required: true}
                  - {name: minute, type: timestamp, required: true}
                """;
        String rows = "page,minute\n/home,2025-01-01T10:00:00Z\n/home,2025-01-01T10:00:00Z\n/cart,2025-01-01T10:01:00Z\n"
                + "/home,2025-01-01T10:00:00Z\n,2025-01-01T10:02:00Z\n/cart,2025-01-01T10:01:00Z\n";
        Map<String, List<Long>> counts = new HashMap<>();
        for (String mode : List.of("keep", "count")) {
            Path folder = Files.createDirectories(dir.resolve(mode));
            Path schema = Files.writeString(folder.resolve("clicks.yaml"), mode.equals("keep") ? schemaText
                    : schemaText.replace("identicalRows: keep\n", ""));
            Path csv = Files.writeString(folder.resolve("clicks.csv"), rows);
            String url = H2.fileUrl(folder, "wh");
            Fixture.CliRun run = Fixture.cli("ingest", "--schema", schema.toString(), "--input", csv.toString(),
                    "--jdbc-url", url);
            assertThat(run.exitCode()).as("%s: exit code (stdout: %s, stderr: %s)", mode, run.out(), run.err())
                    .isZero();
            counts.put(mode, List.of(Fixture.count(url, "SELECT rows_read FROM ingestion_log"),
                    Fixture.count(url, "SELECT COUNT(*) FROM clicks"),
                    Fixture.count(url, "SELECT COUNT(*) FROM ingest_quarantine"),
                    Fixture.count(url, "SELECT rows_duplicate FROM ingestion_log")));
        }
        assertThat(counts.get("keep")).as("identicalRows: keep: read, rows in the table, quarantined, duplicates")
                .containsExactly(6L, 5L, 1L, 0L);
        assertThat(counts.get("count")).as("default: read, rows in the table, quarantined, duplicates")
                .containsExactly(6L, 2L, 1L, 3L);

        Path keyed = Files.writeString(dir.resolve("keyed.yaml"), schemaText.replace("identicalRows: keep",
                "identicalRows: keep\nuniqueKey: [page]"));
        assertThat(Assertions.catchThrowableOfType(SchemaException.class, () -> SchemaLoader.loadFile(keyed)))
                .as("identicalRows: keep with a uniqueKey (a repeated key is a duplicate or a conflict) is rejected")
                .isNotNull();
    }

    @Test
    @Checklist(id = "E26", points = 2)
    @DisplayName("per-file output lines stay aligned with dataset names of 20+ characters and long file names")
    void outputLinesStayAligned() throws IOException {
        Path schemas = Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(schemas.resolve("a.yaml"), """
                schemaVersion: 1
                dataset: restaurant_inspection_results
                table: inspections
                files: ["inspections*.csv"]
                columns:
                  - {name: id, type: integer, required: true}
                """);
        Files.writeString(schemas.resolve("b.yaml"), """
                schemaVersion: 1
                dataset: c
                table: c
                files: ["c*.csv"]
                columns:
                  - {name: id, type: integer, required: true}
                """);
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("c.csv"), "id\n1\n2\n");
        Files.writeString(in.resolve("inspections-2025-01-31-final-corrected.csv"), "id\n1\n2\n3\n");
        Files.writeString(in.resolve("readme.txt"), "no schema for me\n");
        String url = H2.fileUrl(dir, "wh");

        Fixture.CliRun run = Fixture.cli("ingest", "--schema", schemas.toString(), "--input", in.toString(),
                "--jdbc-url", url);

        assertThat(run.exitCode()).as("exit code (stdout: %s, stderr: %s)", run.out(), run.err()).isZero();
        Map<String, String> datasets = Map.of("c.csv", "c", "inspections-2025-01-31-final-corrected.csv",
                "restaurant_inspection_results", "readme.txt", "-");
        Map<String, List<Integer>> columns = new HashMap<>();
        for (String line : run.out().lines().toList()) {
            for (var d : datasets.entrySet()) {
                if (line.startsWith(d.getKey() + " ")) {
                    int dataset = line.indexOf(d.getValue(), d.getKey().length());
                    int status = dataset + d.getValue().length();
                    while (status < line.length() && line.charAt(status) == ' ') {
                        status++;
                    }
                    assertThat(dataset).as("dataset column of '%s' after at least one space", line)
                            .isGreaterThan(d.getKey().length());
                    assertThat(status).as("a space between dataset and status in '%s'", line)
                            .isGreaterThan(dataset + d.getValue().length());
                    columns.put(d.getKey(), List.of(dataset, status));
                }
            }
        }
        assertThat(columns).as("per-file lines found in: %s", run.out()).hasSize(3);
        assertThat(columns.values().stream().distinct().toList())
                .as("where the dataset and the status start, on every per-file line (stdout:%n%s)", run.out())
                .hasSize(1);
    }

    private static String firstWord(Object text) {
        return text.toString().split("[ :]", 2)[0];
    }

    /**
     * The rows of a table whose name (and column names) may be stored in any case: found through the database's
     * catalogue, columns keyed by their lower-case name, so the test does not depend on the quoting rule chosen.
     */
    private static List<Map<String, Object>> rowsOf(String url, String table) {
        List<Map<String, Object>> names = H2.rows(url, "SELECT table_name FROM information_schema.tables "
                + "WHERE LOWER(table_name) = '" + table + "' AND table_schema = 'PUBLIC'");
        assertThat(names).as("a table named '%s' in any case", table).hasSize(1);
        return H2.rows(url, "SELECT * FROM \"" + names.get(0).get("TABLE_NAME") + "\"").stream().map(r -> {
            Map<String, Object> lower = new HashMap<>();
            r.forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    lower.put(k.toLowerCase(Locale.ROOT), v instanceof java.sql.Date d ? d.toLocalDate() : v);
                }
            });
            return lower;
        }).toList();
    }
}
