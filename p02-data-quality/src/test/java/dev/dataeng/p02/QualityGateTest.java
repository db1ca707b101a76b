package dev.dataeng.p02;

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
        Fixture f = Fixture.create(dir, GeneratorConfig.of(61, 0.05), Dirt.all(0.05));
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
        assertThat(f.scalar("SELECT COUNT(*) FROM silver.orders")).as("silver itself is built").isPositive();
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
}
