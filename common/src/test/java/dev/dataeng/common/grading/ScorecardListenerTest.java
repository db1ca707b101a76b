package dev.dataeng.common.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.dataeng.common.grading.samples.SampleChapterTest;
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
        assertThat(card.possible()).isEqualTo(13);
        assertThat(card.items()).extracting(ScoreItem::id).containsExactly("E1", "E2", "E3", "E4", "E5", "E10");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("p00-sample · 2/13 points").contains("NOT RUN").contains("FAIL");
        assertThat(Files.readString(out.resolve("scorecard.json"))).contains("\"earned\" : 2");
        assertThat(Files.readString(out.resolve("scorecard.md"))).contains("| E2 | fails | 0/3 | FAIL |");
    }

    @Test
    void idsSortNaturally() {
        assertThat(Scorecard.naturalOrder("E2", "E10")).isNegative();
        assertThat(Scorecard.naturalOrder("E10", "E9")).isPositive();
    }
}
