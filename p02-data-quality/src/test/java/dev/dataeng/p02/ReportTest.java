package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p02.checks.Check;
import dev.dataeng.p02.checks.CheckSuite;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E16", points = 2)
    @DisplayName("the Markdown report shows the verdict, where every bronze row went, each check and the metrics")
    void reportShowsVerdictAccountingChecksAndMetrics() throws Exception {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(101), 0.1), Dirt.all(0.1));
        CliRun run = CliRun.of("run", "--layer", "all", "--input", f.input().toString(), "--db", f.url());
        assertThat(run.exitCode()).as("the default run passes (stderr: %s)", run.err()).isZero();
        Path file = dir.resolve("report.md");
        CliRun report = CliRun.of("report", "--db", f.url(), "--out", file.toString());
        assertThat(report.exitCode()).as("report exit code (stderr: %s)", report.err()).isZero();
        String md = Files.readString(file, StandardCharsets.UTF_8);

        assertThat(md).as("the report opens with its verdict").contains("Passed");
        for (String table : Fixture.TABLES) {
            Map<String, Object> a = f.rows("SELECT * FROM dq.accounting WHERE table_name = '" + table
                    + "' ORDER BY run_id DESC").get(0);
            String row = String.format("| %s | %,d | %,d | %,d | %,d | %,d |", table,
                    f.report(table).records(), n(a.get("SILVER_ROWS")), n(a.get("QUARANTINED")),
                    f.report(table).count(DirtKind.DUPLICATE), f.report(table).count(DirtKind.CORRECTION));
            assertThat(md).as("the report's accounting table should have the row %s", row).contains(row);
        }
        for (Check check : CheckSuite.defaults().checks()) {
            assertThat(md).as("every check is listed by name").contains("`" + check.name() + "`");
        }
        long records = f.report("orders").records();
        long invalid = f.report("orders").count(DirtKind.Effect.INVALID) - f.report("orders").dirty().stream()
                .filter(d -> Fixture.defaultedByRule("orders", d)).count();
        String validity = BigDecimal.valueOf(records - invalid).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(records), 1, RoundingMode.HALF_UP).toPlainString() + " %";
        assertThat(md.lines().filter(l -> l.startsWith("| orders |")).findFirst().orElse(""))
                .as("the scorecard row of orders shows its validity %s", validity).contains(validity);
        assertThat(md).as("quarantine reasons are summarised").contains("missing_required").contains("orphan_key");
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
