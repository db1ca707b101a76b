package dev.dataeng.common.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.dataeng.common.grading.samples.SampleChapterTest;
import dev.dataeng.common.grading.samples.SampleLearnerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class ScorecardListenerTest {

    @Test
    void failuresAndTestsThatDidNotRunScoreNothing(@TempDir Path out) throws Exception {
        Path testClasses = Path.of(System.getProperty("scorecard.testClasses"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ScorecardListener listener = new ScorecardListener("p00-sample", Optional.of(testClasses), Optional.of(out), Optional.empty(),
                new PrintStream(console, true, StandardCharsets.UTF_8), true);

        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SampleChapterTest.class)).build(),
                listener);

        Scorecard card = listener.scorecard();
        Map<String, ScoreItem> byId = card.items().stream()
                .filter(i -> i.test().startsWith("SampleChapterTest"))
                .collect(Collectors.toMap(ScoreItem::id, Function.identity()));
        assertThat(byId.get("E1").status()).isEqualTo(ScoreItem.Status.PASS);
        assertThat(byId.get("E2").status()).isEqualTo(ScoreItem.Status.FAIL);
        assertThat(byId.get("E2").detail()).contains("expected three rows");
        assertThat(byId.get("E3").status()).isEqualTo(ScoreItem.Status.NOT_RUN);
        assertThat(byId.get("E4").status()).isEqualTo(ScoreItem.Status.NOT_RUN);
        assertThat(byId.get("E5").status()).isEqualTo(ScoreItem.Status.NOT_RUN);
        assertThat(byId.get("E10").status()).isEqualTo(ScoreItem.Status.FAIL);
        assertThat(card.earned()).isEqualTo(2);
        assertThat(byId.values().stream().mapToInt(ScoreItem::points).sum()).isEqualTo(13);
        assertThat(card.items()).extracting(ScoreItem::id).startsWith("E1", "E2", "E3", "E4", "E5", "E10");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("p00-sample · 2/15 points").contains("NOT RUN").contains("FAIL");
        assertThat(Files.readString(out.resolve("scorecard.json"))).contains("\"earned\" : 2");
        assertThat(Files.readString(out.resolve("scorecard.md"))).contains("| E2 | fails | 0/3 | FAIL |");
    }

    @Test
    void aTimeoutSaysWhatLoopsAndASwallowedStubIsNamed(@TempDir Path out) {
        Path testClasses = Path.of(System.getProperty("scorecard.testClasses"));
        ScorecardListener listener = new ScorecardListener("p00-sample", Optional.of(testClasses), Optional.of(out),
                Optional.empty(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(SampleLearnerTest.class)).build(), listener);
        } finally {
            SampleLearnerTest.release = true;
        }

        Map<String, ScoreItem> byId = listener.scorecard().items().stream()
                .collect(Collectors.toMap(ScoreItem::id, Function.identity()));
        assertThat(byId.get("L1").status()).isEqualTo(ScoreItem.Status.FAIL);
        assertThat(byId.get("L1").detail()).contains("timed out")
                .contains("probably loops").contains("SampleLearnerTest$Runner.runUntilEveryTaskIsDone");
        assertThat(byId.get("L2").status()).isEqualTo(ScoreItem.Status.FAIL);
        assertThat(byId.get("L2").detail()).contains("task state")
                .contains("a TODO stub ran during this test: TODO p00 step 2: run the task");
        assertThat(byId.get("E1").detail()).as("an item of a class this run did not select")
                .isEqualTo(ScorecardListener.NOT_SELECTED);
        assertThat(listener.scorecard().toConsole()).contains("not selected in this run (-Dtest)")
                .doesNotContain("E10 ");
    }

    @Test
    void idsSortNaturally() {
        assertThat(Scorecard.naturalOrder("E2", "E10")).isNegative();
        assertThat(Scorecard.naturalOrder("E10", "E9")).isPositive();
    }
}
