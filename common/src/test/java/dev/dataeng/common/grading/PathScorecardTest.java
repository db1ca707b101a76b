package dev.dataeng.common.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathScorecardTest {

    @Test
    void sumsTheChaptersTheRootPomListsAndShowsTheOnesNotRunYet(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("pom.xml"), "<modules>\n<module>common</module>\n<module>p01-a</module>\n"
                + "<module>p02-b</module>\n</modules>\n");
        Scorecard p01 = new Scorecard("p01-a", List.of(
                new ScoreItem("E1", "one", 2, ScoreItem.Status.PASS, "T.a", ""),
                new ScoreItem("E2", "two", 3, ScoreItem.Status.FAIL, "T.b", "no")));
        p01.writeTo(root.resolve("p01-a/target"));

        PathScorecard path = PathScorecard.collect(root);
        path.writeTo(root);

        assertThat(path.chapters()).extracting(PathScorecard.Chapter::module).containsExactly("p01-a", "p02-b");
        assertThat(path.earned()).isEqualTo(2);
        assertThat(path.possible()).isEqualTo(5);
        assertThat(path.totalLine()).isEqualTo("path · 2/5 points in 1 of 2 chapters run");
        assertThat(path.toConsole()).contains("p02-b                    not run yet").contains("1/2  items");
        assertThat(Files.readString(root.resolve("target/path-scorecard.md"))).contains("| p01-a | 2/5 | 1/2 |");
        assertThat(Files.readString(root.resolve("target/path-scorecard.json"))).contains("\"earned\" : 2");
    }
}
