package dev.dataeng.p01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import dev.dataeng.p01.ingest.Ingestion;
import dev.dataeng.p01.schema.SchemaLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Not graded (CI has no PostgreSQL): the bundled ingestion and its re-run on a real
 * PostgreSQL, when {@code P01_PG_URL} names one, e.g.
 * {@code P01_PG_URL=jdbc:postgresql://127.0.0.1:5401/p01 P01_PG_USER=dataeng P01_PG_PASSWORD=dataeng
 * ./mvnw -q -pl p01-batch-ingestion test -Dtest=PostgresTest}. Works in a schema of its own, dropped at the end.
 */
@EnabledIfEnvironmentVariable(named = "P01_PG_URL", matches = "jdbc:postgresql:.*")
class PostgresTest {

    @Test
    @DisplayName("PostgreSQL: the bundled files load with the same counts as on H2, and a re-run loads nothing")
    void bundledIngestAndRerunOnPostgres() throws Exception {
        check(System.getenv("P01_PG_URL"), System.getenv().getOrDefault("P01_PG_USER", "dataeng"),
                System.getenv().getOrDefault("P01_PG_PASSWORD", "dataeng"));
    }

    /** The check itself, on any PostgreSQL (also {@code PostgresContainerTest}'s). */
    static void check(String url, String user, String password) throws Exception {
        String schema = "p01_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(url, user, password);
                Statement s = admin.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                    + "currentSchema=" + schema, user, password)) {
                List<FileResult> first = new Ingestion(c, IngestOptions.defaults())
                        .run(SchemaLoader.load(Fixture.SCHEMAS), Path.of("data"), r -> { });
                List<FileResult> second = new Ingestion(c, IngestOptions.defaults())
                        .run(SchemaLoader.load(Fixture.SCHEMAS), Path.of("data"), r -> { });

                List<FileResult> loaded = first.stream().filter(r -> r.status() == FileResult.Status.LOADED).toList();
                assertThat(loaded).as("files loaded on PostgreSQL (messages: %s)", first).hasSize(7);
                assertThat(List.of(sum(loaded, "read"), sum(loaded, "loaded"), sum(loaded, "quarantined"),
                        sum(loaded, "duplicates"))).as("read, loaded, quarantined, duplicates over the bundled files "
                        + "(the README's H2 run: 7,795 = 7,587 + 168 + 40)").containsExactly(7795L, 7587L, 168L, 40L);
                assertThat(second).as("the re-run").filteredOn(r -> r.status() != FileResult.Status.NO_SCHEMA)
                        .extracting(FileResult::status).containsOnly(FileResult.Status.ALREADY_LOADED);
                try (Statement q = c.createStatement();
                        ResultSet rs = q.executeQuery("SELECT COUNT(*) FROM raw_orders")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows in raw_orders on PostgreSQL").isEqualTo(968);
                }
                keywordNames(c);
            } finally {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** A table and columns named like SQL keywords (E21's file) on PostgreSQL, where names fold to lower case. */
    private static void keywordNames(Connection c) throws Exception {
        Path dir = Files.createTempDirectory("p01-pg-keywords");
        try {
            Path schema = Files.writeString(dir.resolve("order.yaml"), Fixture.KEYWORD_SCHEMA);
            Path csv = Files.writeString(dir.resolve("order.csv"), Fixture.KEYWORD_CSV);
            for (int run = 1; run <= 2; run++) {
                List<FileResult> r = new Ingestion(c, IngestOptions.defaults()).run(SchemaLoader.load(schema), csv,
                        x -> { });
                assertThat(r).as("keyword names on PostgreSQL, run %d", run).singleElement()
                        .extracting(FileResult::status).isEqualTo(run == 1 ? FileResult.Status.LOADED
                                : FileResult.Status.ALREADY_LOADED);
            }
            try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(
                    "SELECT SUM(\"value\"), MAX(\"year\") FROM \"order\" WHERE \"month\" IN ('Jan', 'Feb')")) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).as("SUM(value) of the table 'order'").isEqualByComparingTo("19.50");
                assertThat(rs.getLong(2)).as("MAX(year)").isEqualTo(2025);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long sum(List<FileResult> results, String what) {
        return results.stream().mapToLong(r -> switch (what.toLowerCase(Locale.ROOT)) {
            case "read" -> r.read();
            case "loaded" -> r.loaded();
            case "quarantined" -> r.quarantined();
            default -> r.duplicates();
        }).sum();
    }
}
