package dev.dataeng.p06;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that are SQL keywords: every name the tool writes into SQL is quoted in the database's case. */
class KeywordNamesTest {
    @TempDir
    Path tmp;

    @Test
    @Checklist(id = "E18", points = 2)
    @DisplayName("names that are SQL keywords work: a model order, a source column year, an incremental model with unique_key year build, test and rebuild")
    void keywordNamesBuildTestAndRebuild() throws SQLException {
        Fixture f = new Fixture(tmp);
        Analytics.Settings settings = Analytics.Settings.of(KeywordProject.write(tmp.resolve("keywords")), f.url)
                .withTargetDir(tmp.resolve("target"));
        try (Connection c = H2.connect(f.url)) {
            KeywordProject.buildTestAndRebuild(settings, c);
        }
    }
}
