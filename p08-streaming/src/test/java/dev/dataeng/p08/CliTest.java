package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.RateCard;
import dev.dataeng.p08.model.ResultJson;
import dev.dataeng.p08.model.UserSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI as a learner and an operator use it (in-process, exit codes instead of System.exit). */
class CliTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    @Checklist(id = "E20", points = 2)
    @DisplayName("CLI: `run --engine flink --query tumbling` publishes the generated events to the given cluster, runs the job to the end and exits 0 with the oracle's minute spend on its topic; a bad engine name exits 2")
    void runFlinkTumblingFromTheCli() {
        KAFKA.cluster().createTopic("cli.events", 2);
        KAFKA.cluster().createTopic("cli.campaigns", 1, (short) 1, Map.of("cleanup.policy", "compact"));
        long seed = GradingSeed.of(5);
        int code = dev.dataeng.p08.Cli.execute("run", "--engine", "flink", "--query", "tumbling",
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--publish", "--input-topic", "cli.events",
                "--campaigns-topic", "cli.campaigns", "--seed", Long.toString(seed), "--impressions", "3000",
                "--work-dir", "target/p08-cli-test");
        assertThat(code).as("exit code of run (0 = ok; the cause is printed on stderr otherwise)").isZero();

        AdEventGenerator g = new AdEventGenerator(AdConfig.clean(seed, 3000).withUsers(5_000)
                .withDirt(0.10, 0.0, 0.0, 0.0));
        List<MinuteSpend> got = Results.fromTopic(KAFKA.bootstrapServers(), "p08.flink.tumbling", MinuteSpend.class);
        Expect.sameRows("minute spend written by `run --engine flink --query tumbling`",
                Oracle.minuteSpend(g.uniqueEvents().toList(), RateCard.of(g.campaigns())), got, Keys::of,
                "RunCommand → Engines.run: a bounded Flink run ends with the final watermark, so every minute is "
                        + "written, the last ones too");

        assertThat(dev.dataeng.p08.Cli.execute("run", "--engine", "storm", "--query", "tumbling"))
                .as("an unknown engine is a usage error: exit code 2").isEqualTo(2);
    }

    @Test
    @DisplayName("CLI (ungraded): `run --engine kstreams --query sessions` exits 0 with the oracle's sessions on its topic (read as a table: last value per user@start, a tombstone deletes); a query an engine lacks exits 2")
    void runKafkaStreamsSessionsFromTheCli() {
        KAFKA.cluster().createTopic("cli.sessions.events", 2);
        KAFKA.cluster().createTopic("cli.sessions.campaigns", 1, (short) 1, Map.of("cleanup.policy", "compact"));
        long seed = GradingSeed.of(5);
        int code = dev.dataeng.p08.Cli.execute("run", "--engine", "kstreams", "--query", "sessions",
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--publish", "--input-topic", "cli.sessions.events",
                "--campaigns-topic", "cli.sessions.campaigns", "--seed", Long.toString(seed), "--impressions", "3000",
                "--work-dir", "target/p08-cli-test");
        assertThat(code).as("exit code of run (0 = ok; the cause is printed on stderr otherwise)").isZero();

        AdEventGenerator g = new AdEventGenerator(AdConfig.clean(seed, 3000).withUsers(5_000)
                .withDirt(0.10, 0.0, 0.0, 0.0));
        Map<String, UserSession> table = new LinkedHashMap<>();
        KafkaTopics.readAll(KAFKA.bootstrapServers(), "p08.kstreams.sessions", IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30)).forEach(r -> {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        table.remove(key);
                    } else {
                        table.put(key, ResultJson.read(r.value(), UserSession.class));
                    }
                });
        Expect.sameRows("sessions written by `run --engine kstreams --query sessions`",
                Oracle.sessions(g.uniqueEvents().toList()), table.values(), Keys::of,
                "RunCommand → Engines.run(Engine, StatefulQuery, …): SessionTopology with Emission.UPDATES, run "
                        + "until the application's lag (input and repartition topics) is 0");

        assertThat(dev.dataeng.p08.Cli.execute("run", "--engine", "flink-sql", "--query", "silence"))
                .as("a query the engine does not have is a usage error: exit code 2").isEqualTo(2);
        assertThat(dev.dataeng.p08.Cli.execute("run", "--engine", "flink", "--query", "enrich"))
                .as("a query the engine does not have is a usage error: exit code 2").isEqualTo(2);
    }
}
