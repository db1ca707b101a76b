package dev.dataeng.p02;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    /** Not graded: plumbing the learner does not write, kept as a regression test of the CLI's error handling. */
    @Test
    @DisplayName("unusable input or checks stop the CLI with one clear line and a non-zero exit code")
    void badInputStopsWithOneLine() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("wh").toAbsolutePath();
        CliRun missing = CliRun.of("run", "--layer", "all", "--input", dir.resolve("nowhere").toString(), "--db", db);
        assertThat(missing.exitCode()).as("a missing input folder").isNotZero();
        assertThat(missing.errLines()).as("stderr: one line saying what is missing, no stack trace").hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("nowhere").doesNotContain("Exception"));

        Path checks = dir.resolve("checks.yaml");
        Files.writeString(checks, """
                checks:
                  - name: orders_sometimes
                    table: silver.orders
                    type: sometimes_null
                    column: total
                    severity: error
                """);
        CliRun bad = CliRun.of("check", "--db", db, "--checks", checks.toString());
        assertThat(bad.exitCode()).as("a checks file with an unknown type").isNotZero();
        assertThat(bad.errLines()).as("stderr: one line naming the bad check").hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("orders_sometimes").contains("type"));

        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("generate").contains("run").contains("check").contains("report");
    }
}
