package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p02.checks.CheckSuite;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityGateTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E12", points = 3)
    @DisplayName("a failed error check blocks promotion: gold is not built and the CLI exits non-zero with one line "
            + "naming the check; the same check as a warning does not block")
    void failedErrorCheckBlocksGold() throws Exception {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(61), 0.05), Dirt.all(0.05));
        String defaults;
        try (InputStream in = CheckSuite.class.getResourceAsStream(CheckSuite.DEFAULT_RESOURCE)) {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String extra = """
                  - name: orders_at_least_a_million
                    table: silver.orders
                    type: row_count
                    min: 1000000
                    severity: %s
                """;
        Path blocking = dir.resolve("blocking.yaml");
        Files.writeString(blocking, defaults.replace("\nchecks:\n", "\nchecks:\n" + extra.formatted("error")));

        CliRun run = CliRun.of("run", "--layer", "all", "--input", f.input().toString(), "--db", f.url(), "--checks",
                blocking.toString());
        assertThat(run.exitCode()).as("exit code of a run whose error check failed (stderr: %s)", run.err())
                .isNotZero();
        assertThat(run.errLines()).as("stderr: exactly one line names the failed check").filteredOn(l -> l.contains(
                "orders_at_least_a_million")).hasSize(1);
        assertThat(run.errLines().get(run.errLines().size() - 1)).as("the last line of stderr says what blocked")
                .contains("orders_at_least_a_million");
        assertThat(f.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'GOLD'"))
                .as("gold must not be built when a silver error check fails (hint: pipeline.Pipeline#gate)")
                .isZero();
        assertThat(f.scalar("SELECT COUNT(*) FROM audit.orders")).as("the new silver is built, as a candidate in "
                + "audit.orders").isPositive();
        assertThat(f.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'SILVER'"))
                .as("silver is not published when its audit fails (write-audit-publish: pipeline.Pipeline#build)")
                .isZero();
        assertThat(f.rows("SELECT status FROM dq.runs ORDER BY run_id DESC").get(0).get("STATUS"))
                .as("dq.runs records the run as blocked").isEqualTo("blocked");

        Path warning = dir.resolve("warning.yaml");
        Files.writeString(warning, defaults.replace("\nchecks:\n", "\nchecks:\n" + extra.formatted("warn")));
        CliRun warned = CliRun.of("run", "--layer", "all", "--input", f.input().toString(), "--db", f.url(),
                "--checks", warning.toString());
        assertThat(warned.exitCode()).as("a failed warn check must not block (stderr: %s)", warned.err()).isZero();
        assertThat(f.scalar("SELECT COUNT(*) FROM gold.daily_restaurant_orders")).as("gold is built after a warning")
                .isPositive();
        assertThat(f.rows("SELECT status FROM dq.check_results WHERE check_name = 'orders_at_least_a_million' "
                + "ORDER BY run_id DESC").get(0).get("STATUS")).isEqualTo("WARN");
    }

    @Test
    @Checklist(id = "E17", points = 3)
    @DisplayName("write-audit-publish: a blocked run leaves the last published silver and gold as they were and "
            + "keeps its candidate in audit; the next good run publishes it")
    void blockedRunKeepsThePublishedSilver() throws Exception {
        Fixture day1 = Fixture.create(dir.resolve("day1"), GeneratorConfig.of(GradingSeed.of(62), 0.05), Dirt.all(0.05));
        Fixture day2 = Fixture.create(dir.resolve("day2"), GeneratorConfig.of(GradingSeed.of(63), 0.03), Dirt.all(0.05));
        String db = day1.url();
        CliRun first = CliRun.of("run", "--layer", "all", "--input", day1.input().toString(), "--db", db);
        assertThat(first.exitCode()).as("first run with the built-in checks (stderr: %s)", first.err()).isZero();
        String published = fingerprint(day1, "silver.orders");
        String gold = fingerprint(day1, "gold.daily_restaurant_orders");

        String defaults;
        try (InputStream in = CheckSuite.class.getResourceAsStream(CheckSuite.DEFAULT_RESOURCE)) {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path blocking = dir.resolve("blocking.yaml");
        Files.writeString(blocking, defaults.replace("\nchecks:\n", """

                checks:
                  - name: orders_at_least_a_million
                    table: silver.orders
                    type: row_count
                    min: 1000000
                    severity: error
                """));
        CliRun blocked = CliRun.of("run", "--layer", "all", "--input", day2.input().toString(), "--db", db,
                "--checks", blocking.toString());
        assertThat(blocked.exitCode()).as("the second run must be blocked (stderr: %s)", blocked.err()).isNotZero();
        String candidate = fingerprint(day1, "audit.orders");
        assertThat(candidate).as("the blocked run's silver is written and audited in audit.orders; it differs from "
                + "day 1's silver (else this test could not tell them apart)").isNotEqualTo(published);
        assertThat(fingerprint(day1, "silver.orders")).as("silver.orders after a blocked run must still be the last "
                + "published version (rows, sum of order_id, sum of total): write to audit.*, check there, publish "
                + "only if the gate passes (pipeline.Pipeline#build, silver.SilverBuilder#publish)")
                .isEqualTo(published);
        assertThat(fingerprint(day1, "gold.daily_restaurant_orders")).as("gold after a blocked run is unchanged")
                .isEqualTo(gold);

        CliRun next = CliRun.of("run", "--layer", "all", "--input", day2.input().toString(), "--db", db);
        assertThat(next.exitCode()).as("the same input with the built-in checks (stderr: %s)", next.err()).isZero();
        assertThat(fingerprint(day1, "silver.orders")).as("a run that passes its audit publishes its candidate")
                .isEqualTo(candidate);
        assertThat(day1.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'AUDIT'"))
                .as("after publishing, no candidate is left in audit").isZero();
    }

    /** Rows, sum of the first column and sum of the second numeric column: enough to tell two versions apart. */
    private static String fingerprint(Fixture f, String table) {
        String sums = table.startsWith("gold.") ? "SUM(orders) AS a, SUM(gmv) AS b"
                : "SUM(order_id) AS a, SUM(total) AS b";
        var row = f.rows("SELECT COUNT(*) AS n, " + sums + " FROM " + table).get(0);
        return row.get("N") + " rows, " + row.get("A") + ", " + row.get("B");
    }
}
