package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p10.billing.EmbeddedRedis;
import dev.dataeng.p10.platform.Topics;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo command, run as a learner runs it (small): the whole platform with two kills and the recon every 15
 * minutes of the demo's clock, then the recon on demand. It runs on this class's broker and Redis so that the tests
 * can read what it published after it ended.
 */
class DemoTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    /** Impressions per second of event time: 3,000 impressions span 3 h 20 min, so hours close while the input runs. */
    static final String EVENT_RATE = "0.25";
    /** The demo's default allowed lateness (--recon-lateness 15): events arrive up to 10 minutes late. */
    static final long LATENESS_MS = 15 * 60_000L;

    @TempDir
    static Path out;
    static EmbeddedRedis redis;
    static long seed;
    static int code;
    static String console;

    @BeforeAll
    static void runTheDemo() throws Exception {
        seed = GradingSeed.of(7);
        redis = EmbeddedRedis.start();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() { // the learner's console, and a copy for the tests
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            code = Cli.run("demo", "--events", "3000", "--rate", "0", "--seed", Long.toString(seed),
                    "--duplicate-rate", "0.05", "--late-rate", "0.10", "--kill-at", "0.3,0.6", "--kill",
                    "gateway,flink-state", "--out", out.toString(), "--gateway-port", "0", "--metrics-port", "0",
                    "--event-rate", EVENT_RATE, "--recon-every", "15", "--clients", "1", "--batch", "10",
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--redis", redis.url());
        } finally {
            System.setOut(original);
            console = captured.toString(StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Checklist(id = "E24", points = 3)
    @DisplayName("demo: the demo command with duplicates, late events and two kills ends with every campaign billed exactly the oracle's amount, a report and a real-time vs reconciled chart")
    void demoConvergesAndDrawsTheChart() throws Exception {
        Path report = out.resolve("demo-report.md");
        assertThat(report).as("the demo's report; its console:%n%s", console).exists();
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(code).as("exit code of demo; its report:%n%s", text).isZero();

        AdEventGenerator generator = new AdEventGenerator(AdConfig.dirty(seed, 3000).withDirt(0.10, 0.10, 0.05, 0.005)
                .withRate(Double.parseDouble(EVENT_RATE)));
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

    @Test
    @Checklist(id = "E27", points = 3)
    @DisplayName("recon on a schedule: while the input still flows, the demo's scheduled recon reconciles each hour only after its end plus the allowed lateness, publishes corrections that are already the final figures, and a recon on demand afterwards publishes nothing")
    void scheduledReconCorrectsClosedHoursBeforeTheEndOfInput() throws Exception {
        assertThat(code).as("exit code of demo; its console:%n%s", console).isZero();
        int endOfInput = console.indexOf("\ndelivered: ");
        assertThat(endOfInput).as("the 'delivered:' line of the console").isPositive();
        // the scheduled runs printed before the input ended: their versions and the hours they covered
        Map<Long, Long> scheduledBefore = new TreeMap<>(); // recon version -> end of the hours it covered
        List<String> tooEarly = new ArrayList<>();
        Matcher m = Pattern.compile("\\*\\*\\* recon \\(scheduled\\) v(\\d+) at clock (\\S+): hours before (\\S+),")
                .matcher(console.substring(0, endOfInput));
        while (m.find()) {
            long closedBefore = Instant.parse(m.group(3)).toEpochMilli();
            scheduledBefore.put(Long.parseLong(m.group(1)), closedBefore);
            if (Instant.parse(m.group(2)).toEpochMilli() < closedBefore + LATENESS_MS) {
                tooEarly.add(m.group());
            }
        }
        assertThat(tooEarly).as("scheduled runs that reconciled an hour whose end plus the allowed lateness (15 min)"
                + " the demo's clock had not passed yet: its late events were still to come (see"
                + " ReconSchedule.closedBefore)").isEmpty();
        assertThat(scheduledBefore).as("scheduled recon runs printed before the input ended ('*** recon (scheduled)"
                + " v…' lines before 'delivered:'); the console:%n%s", console).isNotEmpty();

        List<ConsumerRecord<byte[], byte[]>> corrections = KafkaTopics.readAll(KAFKA.bootstrapServers(),
                Topics.SPEND_CORRECTIONS, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        Map<String, JsonNode> last = new TreeMap<>(); // campaign|hour -> the correction of the highest version
        List<JsonNode> early = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : corrections) {
            JsonNode v = Topic.json(r.value());
            String cell = v.get("campaign_id").asText() + "|" + v.get("hour_start").asLong();
            last.merge(cell, v, (a, b) -> a.get("recon_version").asLong() >= b.get("recon_version").asLong() ? a : b);
            if (scheduledBefore.containsKey(v.get("recon_version").asLong())) {
                early.add(v);
            }
        }
        assertThat(early).as("corrections published by the scheduled runs before the input ended (versions %s)",
                scheduledBefore.keySet()).isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (JsonNode v : early) {
            long hour = v.get("hour_start").asLong();
            String cell = v.get("campaign_id").asText() + "|" + hour;
            long closedBefore = scheduledBefore.get(v.get("recon_version").asLong());
            long finalFigure = last.get(cell).get("exact_spend_micros").asLong();
            if (hour + 3_600_000L > closedBefore || v.get("exact_spend_micros").asLong() != finalFigure) {
                wrong.add(cell + " v" + v.get("recon_version").asLong() + " exact " + v.get("exact_spend_micros")
                        + ", final " + finalFigure + (hour + 3_600_000L > closedBefore ? " (hour not closed)" : ""));
            }
        }
        assertThat(wrong).as("early corrections that were not final (an hour reconciled before it closed: its end"
                + " plus the allowed lateness; see ReconSchedule.closedBefore)").isEmpty();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int again;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            again = Cli.run("recon", "--lake", out.resolve("lake").toString(), "--bootstrap-servers",
                    KAFKA.bootstrapServers(), "--redis", redis.url());
        } finally {
            System.setOut(original);
        }
        String onDemand = captured.toString(StandardCharsets.UTF_8);
        assertThat(again).as("exit code of recon on demand; output:%n%s", onDemand).isZero();
        assertThat(KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.SPEND_CORRECTIONS,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30))).as("spend-corrections after a recon on demand"
                + " over the same lake (the scheduled runs and the demo's final run left billing exact: nothing to"
                + " publish); its output:%n%s", onDemand).hasSameSizeAs(corrections);
    }
}
