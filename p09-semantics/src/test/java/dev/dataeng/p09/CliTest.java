package dev.dataeng.p09;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI as a learner uses it (in-process: exit codes instead of System.exit). Not graded. */
class CliTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    @DisplayName("CLI (ungraded): `late-data --engine kstreams` exits 0 and prints a row whose on time + late + too late = input, the counts Kafka Streams' rule gives; a bad engine name exits 2")
    void lateDataForKafkaStreams() {
        long seed = GradingSeed.of(21);
        int impressions = 3_000;
        StringWriter printed = new StringWriter();
        int code = Cli.commandLine().setOut(new PrintWriter(printed, true)).execute("late-data", "--engine",
                "kstreams", "--impressions", Integer.toString(impressions), "--seed", Long.toString(seed),
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--work-dir", "target/p09-cli-test");
        String output = printed.toString();
        assertThat(code).as("exit code of late-data (0 = every engine ran and its counts add up); it printed:%n%s",
                output).isZero();

        String row = output.lines().filter(l -> l.startsWith("| Kafka Streams |")).findFirst()
                .orElseThrow(() -> new AssertionError("no Kafka Streams row in the table; printed:\n" + output));
        List<String> cells = Arrays.stream(row.split("\\|")).map(String::strip).toList();
        // cells: "", engine, rule, input, on time, late but accepted, too late, where, check
        long input = number(cells.get(3));
        long onTime = number(cells.get(4));
        long late = number(cells.get(5));
        long tooLate = number(cells.get(6));
        List<AdEvent> arrivals = new AdEventGenerator(AdConfig.clean(seed, impressions)
                .withDirt(0.10, 0.03, 0, 0)).records().map(r -> ((AdRecord.Event) r).event()).toList();
        LatenessOracle oracle = new LatenessOracle(arrivals, LatenessOracle.Engine.KAFKA_STREAMS, 60_000, 0, 180_000);
        assertThat(input).as("input in the row: the events published").isEqualTo(arrivals.size());
        assertThat(onTime + late + tooLate).as("on time + late + too late in the row: %s", row).isEqualTo(input);
        assertThat(List.of(onTime, late, tooLate)).as("the row's counts against the rule of E9 (%s)",
                oracle.summary()).containsExactly((long) oracle.onTime.size(), (long) oracle.lateAccepted.size(),
                        (long) oracle.tooLate.size());
        assertThat(cells.get(8)).as("the row's own check").startsWith("yes");

        assertThat(Cli.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(
                new PrintWriter(new StringWriter())).execute("late-data", "--engine", "storm"))
                .as("an unknown engine is a usage error: exit code 2").isEqualTo(2);
    }

    private static long number(String cell) {
        return Long.parseLong(cell.replace(",", ""));
    }
}
