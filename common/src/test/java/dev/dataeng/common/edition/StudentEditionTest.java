package dev.dataeng.common.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentEditionTest {

    private static final String SOURCE = """
            class Dedup {
                int count(int[] xs) {
                    // BEGIN SOLUTION step 4: count the distinct values
                    return (int) java.util.Arrays.stream(xs).distinct().count();
                    // END SOLUTION
                }

                void log(StringBuilder sb) {
                    // BEGIN SOLUTION
                    sb.append("x");
                    // END SOLUTION
                    sb.append("y");
                }
            }
            """;

    @Test
    void replacesEachRegionByAThrowThatStillCompiles() {
        StudentEdition.Rewrite rewrite = StudentEdition.rewrite(SOURCE, "p01", "src/Dedup.java");
        assertThat(rewrite.regions()).isEqualTo(2);
        assertThat(rewrite.unnumbered()).as("regions without a step").containsExactly("src/Dedup.java:9");
        assertThat(rewrite.text())
                .contains("throw new dev.dataeng.common.grading.Todo(\"TODO p01 step 4: count the distinct values\");")
                .contains("if (true) { throw new dev.dataeng.common.grading.Todo(\"TODO p01: see the README's "
                        + "walkthrough (Dedup.java)\"); }")
                .contains("sb.append(\"y\");")
                .doesNotContain("distinct()")
                .doesNotContain("sb.append(\"x\")");
    }

    @Test
    void sqlRegionsBecomeAQueryThatAnswersWrongly() {
        String sql = "-- GMV per city\n-- BEGIN SOLUTION step 8: sum total per city\nSELECT city, SUM(total) FROM f "
                + "GROUP BY city\n-- END SOLUTION\n";
        StudentEdition.Rewrite rewrite = StudentEdition.rewrite(sql, "p03", "gmv.sql");
        assertThat(rewrite.text()).isEqualTo(
                "-- GMV per city\n-- TODO p03 step 8: sum total per city\nSELECT 'TODO p03 step 8 (gmv.sql)' AS todo\n");
    }

    @Test
    void theProbedEditionKeepsTheCodeAndNotesTheStep() {
        StudentEdition.Rewrite probed = StudentEdition.probe(SOURCE, "src/Dedup.java");
        assertThat(probed.regions()).as("regions with a step").isEqualTo(1);
        assertThat(probed.text()).contains("// BEGIN SOLUTION step 4: count the distinct values\n"
                + "        dev.dataeng.common.grading.RegionProbe.hit(4);\n"
                + "        return (int) java.util.Arrays.stream(xs).distinct().count();");
    }

    @Test
    void unbalancedMarkersAreAnError() {
        assertThatThrownBy(() -> StudentEdition.rewrite("// BEGIN SOLUTION\nint x;\n", "p01", "A.java"))
                .hasMessageContaining("A.java:1: BEGIN SOLUTION without END");
    }

    @Test
    void copiesTheRepositoryAndRewritesOnlyChapterMainCode(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("repo");
        Path main = root.resolve("p01-x/src/main/java/A.java");
        Path test = root.resolve("p01-x/src/test/java/ATest.java");
        Files.createDirectories(main.getParent());
        Files.createDirectories(test.getParent());
        Files.writeString(main, SOURCE);
        Files.writeString(test, SOURCE);
        Files.createDirectories(root.resolve("p01-x/target"));
        Files.writeString(root.resolve("p01-x/target/junk.txt"), "x");

        int regions = StudentEdition.write(root, dir.resolve("out"));

        assertThat(regions).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("out/p01-x/src/main/java/A.java"))).contains("TODO p01 step 4");
        assertThat(Files.readString(dir.resolve("out/p01-x/src/test/java/ATest.java"))).isEqualTo(SOURCE);
        assertThat(dir.resolve("out/p01-x/target")).doesNotExist();
    }
}
