package dev.dataeng.p01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.schema.SchemaException;
import dev.dataeng.p01.schema.SchemaLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private static final String GOOD = """
            schemaVersion: 1
            dataset: things
            table: things
            files: ["things*.csv"]
            uniqueKey: [id]
            columns:
              - {name: id, type: integer, required: true}
              - {name: label, type: string}
            """;

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("CLI: a missing input, an unreadable schema and a wrong JDBC URL each stop with exit 1 and one "
            + "clear line on stderr, no stack trace")
    void cliErrorsAreOneLineAndNonZero() throws IOException {
        Path schema = Files.writeString(dir.resolve("things.yaml"), GOOD);
        Path csv = Files.writeString(dir.resolve("things.csv"), "id,label\n1,a\n");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "schemaVersion: 1\ncolumns: [ {name: id\n");
        String url = H2.fileUrl(dir, "wh");
        Map<String, List<String>> cases = Map.of(
                "missing input", List.of("ingest", "--schema", schema.toString(), "--input",
                        dir.resolve("nope.csv").toString(), "--jdbc-url", url),
                "missing schema", List.of("ingest", "--schema", dir.resolve("nope.yaml").toString(), "--input",
                        csv.toString(), "--jdbc-url", url),
                "unreadable schema", List.of("ingest", "--schema", broken.toString(), "--input", csv.toString(),
                        "--jdbc-url", url),
                "wrong JDBC URL", List.of("ingest", "--schema", schema.toString(), "--input", csv.toString(),
                        "--jdbc-url", "jdbc:nosuchdb://localhost/x"));
        Map<String, String> mentions = Map.of("missing input", "nope.csv", "missing schema", "nope.yaml",
                "unreadable schema", "broken.yaml", "wrong JDBC URL", "jdbc:nosuchdb");

        for (var c : cases.entrySet()) {
            Fixture.CliRun run = Fixture.cli(c.getValue().toArray(String[]::new));
            List<String> lines = run.err().lines().toList();
            assertThat(run.exitCode()).as("%s: exit code (stderr: %s)", c.getKey(), run.err()).isEqualTo(1);
            assertThat(lines).as("%s: stderr must be ONE line, no stack trace", c.getKey()).hasSize(1);
            assertThat(lines.get(0)).as("%s: the line names what is wrong", c.getKey())
                    .startsWith("error: ").contains(mentions.get(c.getKey()))
                    .doesNotContain("Exception");
        }
        Fixture.CliRun ok = Fixture.cli("ingest", "--schema", schema.toString(), "--input", csv.toString(),
                "--jdbc-url", url);
        assertThat(ok.exitCode()).as("the same command with good inputs (stderr: %s)", ok.err()).isZero();
    }

    @Test
    @Checklist(id = "E15", points = 2)
    @DisplayName("a schema file is itself validated (JSON Schema + rules: unknown type, no table, unknown key "
            + "column, broken regex, min above max, scale above precision): each mistake gives one line naming the "
            + "file and the problem")
    void invalidSchemaFilesAreRejectedWithOneClearLine() throws IOException {
        Map<String, String> mistakes = Map.of(
                "type: integr", "type",
                "table: things\n", "table",
                "uniqueKey: [id]", "uniqueKey",
                "{name: label, type: string}", "pattern",
                "min above max", "max",
                "scale above precision", "scale");
        Map<String, String> replacements = Map.of(
                "type: integr", GOOD.replace("type: integer", "type: integr"),
                "table: things\n", GOOD.replace("table: things\n", ""),
                "uniqueKey: [id]", GOOD.replace("uniqueKey: [id]", "uniqueKey: [ident]"),
                "{name: label, type: string}", GOOD.replace("{name: label, type: string}",
                        "{name: label, type: string, pattern: \"[a-z\"}"),
                "min above max", GOOD.replace("{name: id, type: integer, required: true}",
                        "{name: id, type: integer, required: true, min: 10, max: 1}"),
                "scale above precision", GOOD.replace("{name: label, type: string}",
                        "{name: label, type: decimal, precision: 2, scale: 4}"));
        for (var m : mistakes.entrySet()) {
            Path file = Files.writeString(dir.resolve("bad-" + Math.abs(m.getKey().hashCode()) + ".yaml"),
                    replacements.get(m.getKey()));
            SchemaException e = Assertions.catchThrowableOfType(SchemaException.class,
                    () -> SchemaLoader.loadFile(file));
            assertThat(e).as("schema with the mistake '%s' must be rejected with a SchemaException", m.getKey())
                    .isNotNull();
            assertThat(e.getMessage()).as("message for the mistake '%s'", m.getKey())
                    .contains(file.getFileName().toString()).contains(m.getValue()).doesNotContain("\n");
        }
        assertThat(SchemaLoader.loadFile(Files.writeString(dir.resolve("good.yaml"), GOOD)).columns())
                .as("the good schema loads").hasSize(2);
    }
}
