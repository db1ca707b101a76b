package dev.dataeng.p01;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealDataTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E16", points = 2)
    @DisplayName("the real FAA airports file (vega-datasets) loads whole with its schema: 'NA' read as null, "
            + "coordinates as decimals")
    void airportsLoad() {
        String url = H2.fileUrl(dir, "wh");

        FileResult r = Fixture.ingestOne(url, Path.of("data/airports/airports.csv"));

        assertThat(List.of(r.read(), r.loaded(), r.quarantined(), r.duplicates()))
                .as("airports.csv: read, loaded, quarantined, duplicates (message: %s)", r.message())
                .containsExactly(3376L, 3376L, 0L, 0L);
        assertThat(Fixture.count(url, "SELECT COUNT(*) FROM airports WHERE city IS NULL AND state IS NULL"))
                .as("airports whose city and state are 'NA' in the file: the schema's nullValues").isEqualTo(12);
        Map<String, Object> ord = H2.rows(url, "SELECT name, city, state, latitude, longitude FROM airports "
                + "WHERE iata_code = 'ORD'").get(0);
        assertThat(ord).as("Chicago O'Hare").containsEntry("CITY", "Chicago").containsEntry("STATE", "IL");
        assertThat((BigDecimal) ord.get("LATITUDE")).as("ORD latitude").isEqualByComparingTo("41.979595");
        assertThat((BigDecimal) ord.get("LONGITUDE")).as("ORD longitude").isEqualByComparingTo("-87.90446417");
    }

    @Test
    @Checklist(id = "E17", points = 2)
    @DisplayName("a dataset the module never saw (its own CSV and schema) loads through the CLI, every row "
            + "accounted for: adding a dataset is writing a schema")
    void aNewDatasetNeedsOnlyASchema() throws IOException {
        Path schema = Files.writeString(dir.resolve("riders.yaml"), """
                schemaVersion: 3
                dataset: riders
                table: riders
                files: ["riders_*.txt"]
                uniqueKey: [rider_code]
                input:
                  delimiter: "|"
                  dateFormats: ["dd.MM.yyyy"]
                  timestampFormats: ["dd.MM.yyyy HH:mm"]
                  timeZone: Asia/Kolkata
                  decimalSeparators: [","]
                  trueValues: ["ja", "true"]
                  falseValues: ["nein", "false"]
                  nullValues: ["", "-"]
                columns:
                  - {name: rider_code, source: CODE, type: string, required: true, case: upper, pattern: "R[0-9]{3}"}
                  - {name: vehicle, source: VEHICLE, type: string, required: true, allowedValues: [bike, scooter, cycle]}
                  - {name: active, source: ACTIVE, type: boolean, required: true}
                  - {name: joined_on, source: JOINED, type: date, required: true}
                  - {name: last_seen, source: LAST_SEEN, type: timestamp}
                  - {name: rating, source: RATING, type: decimal, precision: 3, scale: 2, min: 1, max: 5}
                  - {name: trips, source: TRIPS, type: integer, required: true, min: 0}
                """);
        Path csv = Files.writeString(dir.resolve("riders_2025-01-31.txt"), """
                CODE|VEHICLE|ACTIVE|JOINED|LAST_SEEN|RATING|TRIPS
                r001|Bike|ja|01.02.2024|31.01.2025 21:30|4,75|1200
                R002|SCOOTER|nein|15.03.2024|-|-|0
                R003|car|ja|31.04.2024|-|9,5|x
                R001|bike|ja|01.02.2024|31.01.2025 21:30|4,75|1200
                R004|cycle|ja|02.01.2025|31.01.2025 08:00|3,5|17
                """, StandardCharsets.UTF_8);
        String url = H2.fileUrl(dir, "wh");

        Fixture.CliRun run = Fixture.cli("ingest", "--schema", schema.toString(), "--input", dir.toString(),
                "--jdbc-url", url);

        assertThat(run.exitCode()).as("exit code; stdout: %s stderr: %s", run.out(), run.err()).isZero();
        assertThat(run.out()).as("the CLI prints the file's accounting")
                .contains("riders_2025-01-31.txt").contains("read       5").contains("quarantined     1")
                .contains("duplicates     1");
        assertThat(H2.rows(url, "SELECT rider_code, vehicle, active, rating, trips FROM riders ORDER BY rider_code"))
                .as("loaded riders: codes upper-cased, vehicles as spelled in the schema, ja/nein, decimal comma")
                .containsExactly(
                        Map.of("RIDER_CODE", "R001", "VEHICLE", "bike", "ACTIVE", true, "RATING",
                                new BigDecimal("4.75"), "TRIPS", 1200L),
                        row("R002", "scooter", false, null, 0L),
                        Map.of("RIDER_CODE", "R004", "VEHICLE", "cycle", "ACTIVE", true, "RATING",
                                new BigDecimal("3.50"), "TRIPS", 17L));
        assertThat(H2.scalar(url, "SELECT EXTRACT(HOUR FROM last_seen AT TIME ZONE 'UTC') FROM riders "
                + "WHERE rider_code = 'R001'")).as("21:30 in Asia/Kolkata is 16:00 UTC: hour").isEqualTo(16);
        String reasons = (String) H2.rows(url, "SELECT reasons FROM ingest_quarantine").get(0).get("REASONS");
        assertThat(reasons).as("reasons of R003").contains("NOT_ALLOWED vehicle").contains("BAD_DATE joined_on")
                .contains("OUT_OF_RANGE rating").contains("WRONG_TYPE trips");
        assertThat(H2.rows(url, "SELECT schema_version FROM ingestion_log").get(0))
                .as("the schema version is logged").containsEntry("SCHEMA_VERSION", 3);
    }

    private static Map<String, Object> row(String code, String vehicle, boolean active, BigDecimal rating,
            long trips) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("RIDER_CODE", code);
        m.put("VEHICLE", vehicle);
        m.put("ACTIVE", active);
        m.put("RATING", rating);
        m.put("TRIPS", trips);
        return m;
    }

    @Test
    @Checklist(id = "E18", points = 2)
    @DisplayName("the bundled food-delivery files load with the counts their manifest predicts")
    void bundledDataMatchesItsManifest() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(Path.of("data/food-delivery/manifest.json").toFile());
        String url = H2.fileUrl(dir, "wh");

        Map<String, FileResult> results = Fixture.ingest(url, Fixture.SCHEMAS, Path.of("data"),
                IngestOptions.defaults()).stream().collect(Collectors.toMap(FileResult::fileName, r -> r));

        for (JsonNode table : manifest.get("tables")) {
            String file = "food-delivery/" + table.get("file").asText();
            FileResult r = results.get(file);
            assertThat(r).as("result for %s", file).isNotNull();
            long invalid = 0;
            long duplicates = 0;
            long corrections = 0;
            for (var it = table.get("dirt").fields(); it.hasNext(); ) {
                var e = it.next();
                DirtKind kind = DirtKind.valueOf(e.getKey());
                if (kind.effect() == DirtKind.Effect.INVALID) {
                    invalid += e.getValue().asLong();
                } else if (kind == DirtKind.DUPLICATE) {
                    duplicates += e.getValue().asLong();
                } else if (kind == DirtKind.CORRECTION) {
                    corrections += e.getValue().asLong();
                }
            }
            long records = table.get("records").asLong();
            assertThat(List.of(r.read(), r.loaded(), r.quarantined(), r.duplicates()))
                    .as("%s: read, loaded, quarantined, duplicates (the manifest lists every dirty record by kind: "
                            + "invalid ones and corrections are quarantined, exact repeats counted, the rest loaded)",
                            file)
                    .containsExactly(records, records - invalid - corrections - duplicates, invalid + corrections,
                            duplicates);
        }
        assertThat(results.get("airports/airports.csv").status()).as("airports.csv").isEqualTo(
                FileResult.Status.LOADED);
    }
}
