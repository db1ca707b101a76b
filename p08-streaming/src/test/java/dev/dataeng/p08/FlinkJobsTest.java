package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.p08.flink.FlinkJobs;
import dev.dataeng.p08.flink.FlinkSettings;
import dev.dataeng.p08.flink.FlinkSqlJobs;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import dev.dataeng.p08.model.SilenceAlert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flink jobs (DataStream and SQL) on a MiniCluster, reading the in-JVM broker. Each job reads the events topic as a
 * bounded source (to its end offsets at start) and finishes; its final watermark fires every window that is left.
 */
class FlinkJobsTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final AdInput INPUT = AdInput.standard();
    static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();
    static RateCard card;

    @BeforeAll
    static void publish() {
        KAFKA.cluster().createTopic("events", AdInput.PARTITIONS);
        KAFKA.cluster().createTopic("campaigns", 1, (short) 1, Map.of("cleanup.policy", "compact"));
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), "campaigns", INPUT.generator.campaignHistory(2));
        INPUT.publish(KAFKA.bootstrapServers(), "events");
        card = RateCard.fromTopic(KAFKA.bootstrapServers(), "campaigns", Duration.ofSeconds(30));
    }

    static <T> List<T> run(boolean sql, Query query, Class<T> type) throws Exception {
        String engine = sql ? "flink-sql" : "flink";
        String output = query.topic(engine) + "-" + RUNS.incrementAndGet(); // each run its own topic
        FlinkSettings s = new FlinkSettings(KAFKA.bootstrapServers(), "events", output, "p08-" + output, true, card);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        if (sql) {
            FlinkSqlJobs.define(env, query, s);
        } else {
            FlinkJobs.define(env, query, s);
        }
        env.execute("p08 " + engine + " " + query.cliName());
        return Results.fromTopic(KAFKA.bootstrapServers(), output, type);
    }

    @Test
    @Checklist(id = "E19", points = 3)
    @DisplayName("Flink, query 6: a campaign silent for 5 minutes of event time raises one alert, from a keyed event-time timer, equal to the oracle")
    void silenceAlertsFromTimers() throws Exception {
        String output = "p08.flink.silence-" + RUNS.incrementAndGet();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        FlinkJobs.defineSilenceAlerts(env, new FlinkSettings(KAFKA.bootstrapServers(), "events", output,
                "p08-" + output, true, card));
        env.execute("p08 flink silence");
        List<SilenceAlert> expected = Oracle.silenceAlerts(INPUT.events).stream()
                .filter(a -> INPUT.isRealWindow(a.silentSinceMs())).toList();
        assertThat(expected.stream().filter(a -> a.alertAtMs() < INPUT.lastRealEventMs))
                .as("the input has silences in the middle of the stream, not only after each campaign's last event")
                .isNotEmpty();
        List<SilenceAlert> got = Results.fromTopic(KAFKA.bootstrapServers(), output, SilenceAlert.class).stream()
                .filter(a -> INPUT.isRealWindow(a.silentSinceMs())).toList();
        Expect.sameRows("Flink silence alerts", expected, got, Keys::of,
                "SilenceRule: per campaign, an event-time timer at latest impression + SILENCE (moved by each newer "
                        + "impression, never by an out-of-order older one); one alert per silence");
    }

    static <T> List<T> real(List<T> rows, java.util.function.ToLongFunction<T> start) {
        return rows.stream().filter(r -> INPUT.isRealWindow(start.applyAsLong(r))).toList();
    }

    @Test
    @Checklist(id = "E5", points = 3)
    @DisplayName("Flink DataStream, query 1: minute spend per campaign from event-time tumbling windows with watermarks, equal to the oracle")
    void dataStreamTumbling() throws Exception {
        List<MinuteSpend> got = run(false, Query.TUMBLING, MinuteSpend.class);
        Expect.sameRows("Flink DataStream minute spend", Oracle.minuteSpend(INPUT.realEvents(),
                INPUT.rateCard), real(got, MinuteSpend::windowStartMs), Keys::of,
                "FlinkJobs.watermarks (bounded out-of-orderness, event time from the event) and FlinkJobs.minuteSpend "
                        + "(keyBy campaign, TumblingEventTimeWindows of 1 minute)");
    }

    @Test
    @Checklist(id = "E6", points = 2)
    @DisplayName("Flink SQL, query 1: the TUMBLE window table-valued function gives the same minute spend as the oracle")
    void sqlTumbling() throws Exception {
        List<MinuteSpend> got = run(true, Query.TUMBLING, MinuteSpend.class);
        Expect.sameRows("Flink SQL minute spend", Oracle.minuteSpend(INPUT.realEvents(),
                INPUT.rateCard), real(got, MinuteSpend::windowStartMs), Keys::of,
                "FlinkSqlJobs.minuteSpendSql: TABLE(TUMBLE(TABLE events, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))");
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("Flink, query 2: hourly CTR sliding every 15 minutes, from DataStream sliding windows and from SQL HOP, equal to the oracle")
    void dataStreamSliding() throws Exception {
        List<HourlyCtr> expected = Oracle.hourlyCtr(INPUT.realEvents());
        Expect.sameRows("Flink DataStream hourly CTR", expected,
                real(run(false, Query.SLIDING, HourlyCtr.class), HourlyCtr::windowStartMs), Keys::of,
                "FlinkJobs.hourlyCtr: SlidingEventTimeWindows.of(HOUR, SLIDE)");
        Expect.sameRows("Flink SQL hourly CTR", expected,
                real(run(true, Query.SLIDING, HourlyCtr.class), HourlyCtr::windowStartMs), Keys::of,
                "FlinkSqlJobs.hourlyCtrSql: HOP(TABLE events, DESCRIPTOR(rowtime), slide, size) — the slide comes first");
    }

    @Test
    @Checklist(id = "E8", points = 3)
    @DisplayName("Flink DataStream, query 5: click-impression join with keyed state and event-time timers; unmatched clicks flagged; equal to the oracle")
    void dataStreamJoin() throws Exception {
        List<ClickVerdict> got = realClicks(run(false, Query.JOIN, ClickVerdict.class));
        Expect.sameRows("Flink DataStream click verdicts", Oracle.clickVerdicts(INPUT.realEvents()), got, Keys::of,
                "ClickImpressionJoin: keyed by impression id; a click matches an impression served in "
                        + "[click - 10 min, click]; a waiting click is flagged when the watermark passes its time");
    }

    @Test
    @Checklist(id = "E9", points = 2)
    @DisplayName("Flink SQL, query 5: a LEFT interval join of clicks and impressions gives the oracle's verdicts")
    void sqlIntervalJoin() throws Exception {
        List<ClickVerdict> got = realClicks(run(true, Query.JOIN, ClickVerdict.class));
        Expect.sameRows("Flink SQL click verdicts", Oracle.clickVerdicts(INPUT.realEvents()), got, Keys::of,
                "FlinkSqlJobs.clickVerdictSql: LEFT JOIN ... ON same impression id AND i.rowtime BETWEEN "
                        + "c.rowtime - INTERVAL '10' MINUTE AND c.rowtime");
    }

    @Test
    @Checklist(id = "E10", points = 2)
    @DisplayName("Flink emission: a window fires once, when the watermark passes its end; at the end of a bounded input the final watermark fires the windows still open")
    void firesOncePerWindowAndFlushesAtEnd() throws Exception {
        List<MinuteSpend> got = run(true, Query.TUMBLING, MinuteSpend.class);
        assertThat(got.stream().map(Keys::of).distinct().count())
                .as("one row per campaign and minute: an event-time window fires once (no updates)")
                .isEqualTo(got.size());
        List<MinuteSpend> closers = got.stream().filter(m -> !INPUT.isRealWindow(m.windowStartMs())).toList();
        assertThat(closers).as("the closing impressions' minutes (%d partitions) are still open when the input ends:"
                + " only Flink's end-of-input watermark (Long.MAX_VALUE) fires them", AdInput.PARTITIONS)
                .hasSize(AdInput.PARTITIONS);
    }

    static List<ClickVerdict> realClicks(List<ClickVerdict> rows) {
        return rows.stream().filter(v -> INPUT.isRealWindow(v.clickTimeMs())).toList();
    }
}
