package dev.dataeng.common.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeChecklistTest {

    private static final String README = """
            # p00 · Sample

            ## Evaluation checklist
            | ID | what is checked | points | test |
            |---|---|---|---|
            | E1 | a \\| pipe in words | 2 | `SampleTest.one` |
            | E2 | second | 3 | `SampleTest.two` |
            | E9 | stale row | 1 | `SampleTest.gone` |

            ## Going further
            | E7 | not in the checklist section | 1 | `X.y` |
            """;

    @Test
    void parsesTheChecklistTableOnly() {
        List<ReadmeChecklist.Row> rows = ReadmeChecklist.parse(README);
        assertThat(rows).extracting(ReadmeChecklist.Row::id).containsExactly("E1", "E2", "E9");
        assertThat(rows.get(0).points()).isEqualTo(2);
        assertThat(rows.get(0).test()).isEqualTo("SampleTest.one");
    }

    @Test
    void reportsEveryDisagreement(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, README);
        List<ScoreItem> items = List.of(
                new ScoreItem("E1", "one", 2, ScoreItem.Status.PASS, "SampleTest.one", ""),
                new ScoreItem("E2", "two", 4, ScoreItem.Status.PASS, "SampleTest.two", ""),
                new ScoreItem("E3", "three", 1, ScoreItem.Status.PASS, "SampleTest.three", ""));
        assertThat(ReadmeChecklist.problems(readme, items)).containsExactlyInAnyOrder(
                "E2: README says 3 points, the test gives 4",
                "E3 (SampleTest.three) has no row in the README's checklist",
                "E9 is in the README's checklist but no test carries it");
    }
}
