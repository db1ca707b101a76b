package dev.dataeng.p06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.p06.run.RunResult;
import dev.dataeng.p06.testing.TestResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project whose names are SQL keywords, and its check (E18 on H2, PostgresTest on PostgreSQL): a source table
 * {@code raw.order} with columns {@code id, year, value}; a table model {@code order} (indexed on {@code year}); an
 * incremental model {@code latest} with {@code unique_key: year}; a view {@code user}; tests on {@code year} and
 * {@code value}.
 */
final class KeywordProject {
    /** id, year, value of the source rows loaded before the first build and before the second. */
    static final List<int[]> FIRST = List.of(new int[] {1, 2024, 10}, new int[] {2, 2025, 20});
    static final List<int[]> SECOND = List.of(new int[] {3, 2025, 25}, new int[] {4, 2026, 30});
    static final int DECLARED_TESTS = 6;

    private KeywordProject() {
    }

    static Path write(Path dir) {
        return Fixture.writeProject(dir, Map.of(
                "models/_schema.yml", """
                        version: 2
                        sources:
                          - name: shop
                            schema: raw
                            tables:
                              - name: order
                        models:
                          - name: order
                            columns:
                              - name: id
                                data_tests: [unique, not_null]
                              - name: year
                                data_tests: [not_null]
                          - name: latest
                            columns:
                              - name: year
                                data_tests:
                                  - unique
                                  - relationships: {to: "ref('order')", field: year}
                              - name: value
                                data_tests:
                                  - accepted_values: {values: [10, 20, 25, 30]}
                        """,
                "models/order.sql", """
                        {{ config(materialized='table', indexes=[{'columns': ['year']}]) }}
                        select * from {{ source('shop', 'order') }}
                        """,
                "models/latest.sql", """
                        {{ config(materialized='incremental', unique_key='year') }}
                        -- the latest value of each year
                        select * from {{ ref('order') }}
                        {% if is_incremental() %}
                        where id > (select max(id) from {{ this }})
                        {% endif %}
                        """,
                "models/user.sql", "select * from {{ ref('latest') }}\n"));
    }

    /**
     * Creates {@code raw.order} with the first rows, builds, adds the second rows, builds again (the incremental
     * run), and checks every model and test succeeded and {@code latest} holds the last value of each year.
     */
    static void buildTestAndRebuild(Analytics.Settings settings, Connection c) throws SQLException {
        String order = stored(c, "order");
        String year = stored(c, "year");
        String value = stored(c, "value");
        execute(c, "create schema if not exists raw",
                "create table raw." + order + " (id int, " + year + " int, " + value + " int)");
        insert(c, order, FIRST);
        try (Analytics a = Analytics.open(settings)) {
            checkBuild(a.build(""), "first build");
        }
        insert(c, order, SECOND);
        try (Analytics a = Analytics.open(settings)) {
            Analytics.BuildResult rebuilt = checkBuild(a.build(""), "second build (incremental)");
            assertThat(rebuilt.models().stream().filter(r -> r.model().equals("latest")).findFirst().orElseThrow()
                    .rows()).as("rows the incremental run of latest processed (ids above the last run's)")
                    .isEqualTo(SECOND.size());
        }
        Map<Integer, Integer> expected = new TreeMap<>();
        FIRST.forEach(r -> expected.put(r[1], r[2]));
        SECOND.forEach(r -> expected.put(r[1], r[2]));
        Map<Integer, Integer> found = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + year + ", " + value + " from analytics.latest")) {
            while (rs.next()) {
                assertThat(found.put(rs.getInt(1), rs.getInt(2))).as("year %s twice in latest: unique_key year "
                        + "must replace the row of a year it sees again", rs.getInt(1)).isNull();
            }
        }
        assertThat(found).as("year -> value in analytics.latest after two runs").isEqualTo(expected);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from analytics." + stored(c, "user"))) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows of the view analytics.user").isEqualTo(expected.size());
        }
    }

    private static Analytics.BuildResult checkBuild(Analytics.BuildResult built, String which) {
        assertThat(built.models()).as("models of the %s", which).hasSize(3)
                .allSatisfy(r -> assertThat(r.status()).as("%s of model %s: %s (a name like order, year or user "
                        + "is a keyword unless the tool quotes it: hint SqlNames, Warehouse.quote)", which,
                        r.model(), r.message()).isEqualTo(RunResult.Status.SUCCESS));
        assertThat(built.tests()).as("data tests of the %s", which).hasSize(DECLARED_TESTS)
                .allSatisfy(t -> assertThat(t.status()).as("%s: %s %s", which, t.name(), t.message())
                        .isEqualTo(TestResult.Status.PASS));
        return built;
    }

    /** A keyword as a name, written as the database stores an unquoted name: "ORDER" on H2, "order" on PostgreSQL. */
    static String stored(Connection c, String name) throws SQLException {
        return "\"" + (c.getMetaData().storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT)
                : name.toLowerCase(Locale.ROOT)) + "\"";
    }

    private static void insert(Connection c, String table, List<int[]> rows) throws SQLException {
        for (int[] r : rows) {
            execute(c, "insert into raw." + table + " values (" + r[0] + ", " + r[1] + ", " + r[2] + ")");
        }
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }
}
