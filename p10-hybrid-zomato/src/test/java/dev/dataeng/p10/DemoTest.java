package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo command, run as a learner runs it (small): the whole platform with two kills, then the recon. */
class DemoTest {
    @TempDir
    Path out;

    @Test
    @Checklist(id = "E24", points = 3)
    @DisplayName("demo: the demo command with duplicates, late events and two kills ends with every campaign billed exactly the oracle's amount, a report and a real-time vs reconciled chart")
    void demoConvergesAndDrawsTheChart() throws Exception {
        long seed = GradingSeed.of(7);
        int code = Cli.run("demo", "--events", "3000", "--rate", "0", "--seed", Long.toString(seed), "--duplicate-rate", "0.05",
                "--late-rate", "0.03", "--kill-at", "0.3,0.6", "--kill", "gateway,flink-state", "--out", out.toString(),
                "--gateway-port", "0", "--metrics-port", "0");
        Path report = out.resolve("demo-report.md");
        assertThat(report).as("the demo's report").exists();
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(code).as("exit code of demo; its report:%n%s", text).isZero();

        AdEventGenerator generator = new AdEventGenerator(AdConfig.dirty(seed, 3000).withDirt(0.10, 0.03, 0.05, 0.005));
        Map<String, Campaign> campaigns = generator.campaignsById();
        Map<String, Long> expected = new TreeMap<>();
        Oracle.perDay(generator.uniqueEvents().toList(), campaigns).forEach((k, v) -> expected.merge(
                k.substring(0, k.indexOf('|')), Math.min(v, campaigns.get(k.substring(0, k.indexOf('|')))
                        .dailyBudgetMicros()), Long::sum));
        Map<String, Long> billed = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 6 && cols[0].startsWith("cmp-")) {
                billed.put(cols[0], Math.round(Double.parseDouble(cols[4].replace(",", "")) * 1_000_000));
            }
        }
        expected.values().removeIf(v -> v == 0);
        billed.values().removeIf(v -> v == 0);
        assertThat(billed).as("campaign -> billed micros in the report (oracle: unique events priced, capped at the"
                + " budget per day)").isEqualTo(expected);
        String chart = Files.readString(out.resolve("spend-chart.html"), StandardCharsets.UTF_8);
        assertThat(chart).as("spend-chart.html").contains("<svg", "real-time", "reconciled");
        assertThat(List.of(chart.split("<rect")).size()).as("bars in the chart").isGreaterThan(3);
    }
}
