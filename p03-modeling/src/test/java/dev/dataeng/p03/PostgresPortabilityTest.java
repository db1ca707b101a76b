package dev.dataeng.p03;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.testkit.H2;
import dev.dataeng.p03.query.QueryCatalog;
import dev.dataeng.p03.query.TablePrinter;
import dev.dataeng.p03.warehouse.Sql;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded (CI has no PostgreSQL): runs only when {@code P03_PG_URL} names a PostgreSQL database, user and password
 * in the URL, e.g. {@code jdbc:postgresql://127.0.0.1:5403/p03?user=dataeng&password=dataeng}. Builds the same
 * warehouse on PostgreSQL (in a throwaway schema it drops afterwards) and on H2, and checks that every named query
 * prints the same table on both, that a re-loaded day changes nothing on PostgreSQL, and that the GROUPING SETS form
 * of gmv_by_city_month gives the same rows as the UNION ALL the chapter ships for H2.
 */
@EnabledIfEnvironmentVariable(named = "P03_PG_URL", matches = "jdbc:postgresql:.*")
class PostgresPortabilityTest {
    static final List<String> DATA = List.of("--seed", "7", "--scale", "0.3", "--start", "2025-01-01", "--days", "45",
            "--move-rate", "0.10");

    @TempDir
    Path dir;

    @Test
    void postgresGivesTheSameAnswersAsH2() throws Exception {
        check(dir, System.getenv("P03_PG_URL"));
    }

    /** The check itself, on any PostgreSQL whose URL carries its credentials (also {@code PostgresContainerTest}'s). */
    static void check(Path dir, String base) throws Exception {
        String schema = "p03_portability_" + ProcessHandle.current().pid();
        String pg = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        String h2 = H2.fileUrl(dir, "reference");
        execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try {
            assertThat(Cli.run(args("build", "--jdbc-url", pg))).as("build on PostgreSQL (exit code)").isZero();
            assertThat(Cli.run(args("build", "--jdbc-url", h2))).as("build on H2 (exit code)").isZero();

            Map<String, List<String>> before = Fingerprint.of(pg);
            assertThat(Cli.run(args("load-day", "--date", "2025-02-14", "--jdbc-url", pg))).isZero();
            assertThat(Fingerprint.of(pg)).as("model tables on PostgreSQL after re-loading the last day").isEqualTo(before);

            for (String name : QueryCatalog.NAMES) {
                assertThat(printed(pg, name)).as("query %s printed from PostgreSQL vs from H2", name)
                        .isEqualTo(printed(h2, name));
            }
            try (Connection c = DriverManager.getConnection(pg)) {
                assertThat(rows(c, Sql.resource("p03/postgres/gmv_by_city_month_grouping_sets.sql")))
                        .as("GROUP BY GROUPING SETS vs the UNION ALL rewrite in gmv_by_city_month.sql")
                        .isEqualTo(QueryCatalog.run(c, "gmv_by_city_month").rows())
                        .isNotEmpty();
            }
        } finally {
            execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static String[] args(String... command) {
        return Stream.concat(Stream.of(command), DATA.stream()).toArray(String[]::new);
    }

    static String printed(String url, String name) throws SQLException {
        StringWriter text = new StringWriter();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            TablePrinter.print(QueryCatalog.run(c, name), new PrintWriter(text));
        }
        return text.toString();
    }

    static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            for (String statement : statements) {
                Sql.update(c, statement);
            }
        }
    }
}
