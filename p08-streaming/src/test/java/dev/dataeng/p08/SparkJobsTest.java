package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.spark.ResultTables;
import dev.dataeng.p08.spark.SparkJobs;
import dev.dataeng.p08.spark.StatefulJobs;
import dev.dataeng.p08.spark.StatefulTables;
import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.UserSession;
import dev.dataeng.p08.spark.SparkSessions;
import dev.dataeng.p08.spark.SparkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark Structured Streaming queries (local[2]) reading the in-JVM broker with {@code Trigger.AvailableNow()}: each
 * run reads what the topic holds, in micro-batches, and stops; results are upserted into H2 by foreachBatch.
 */
class SparkJobsTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    static final AdInput INPUT = AdInput.standard();
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        KAFKA.cluster().createTopic("events", AdInput.PARTITIONS);
        INPUT.publish(KAFKA.bootstrapServers(), "events");
        spark = SparkSessions.create("local[2]", 4);
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Runs a query to the end of what the topic holds; fails with the query's own error if it died. */
    static StreamingQuery run(Query query, OutputMode mode, String topic, String db, String checkpoint)
            throws Exception {
        SparkSettings s = new SparkSettings(KAFKA.bootstrapServers(), topic, url(db),
                dir.resolve(checkpoint).toString(), INPUT.rateCard);
        StreamingQuery q = SparkJobs.start(spark, query, s, Trigger.AvailableNow(), mode);
        q.awaitTermination();
        if (q.exception().isDefined()) {
            throw new AssertionError("the Spark query failed: " + q.exception().get().getMessage(),
                    q.exception().get());
        }
        return q;
    }

    static String url(String db) {
        return H2.fileUrl(dir, db);
    }

    @Test
    @Checklist(id = "E11", points = 3)
    @DisplayName("Spark, query 1: withWatermark + window(1 minute) upserted into H2 (update mode) gives the oracle's minute spend")
    void tumbling() throws Exception {
        run(Query.TUMBLING, OutputMode.Update(), "events", "tumbling", "cp-tumbling");
        List<MinuteSpend> got = ResultTables.minuteSpend(url("tumbling")).stream()
                .filter(m -> INPUT.isRealWindow(m.windowStartMs())).toList();
        Expect.sameRows("Spark minute spend (H2 table minute_spend)",
                Oracle.minuteSpend(INPUT.realEvents(), INPUT.rateCard), got, Keys::of,
                "SparkJobs.eventTime (the event's own time) and SparkJobs.minuteSpend (groupBy campaign and "
                        + "window(ts, '1 minute'), spend from the broadcast prices)");
    }

    @Test
    @Checklist(id = "E12", points = 2)
    @DisplayName("Spark, query 2: window(1 hour, 15 minutes) gives the oracle's hourly CTR")
    void sliding() throws Exception {
        run(Query.SLIDING, OutputMode.Update(), "events", "sliding", "cp-sliding");
        List<HourlyCtr> got = ResultTables.hourlyCtr(url("sliding")).stream()
                .filter(h -> INPUT.isRealWindow(h.windowStartMs())).toList();
        Expect.sameRows("Spark hourly CTR (H2 table hourly_ctr)", Oracle.hourlyCtr(INPUT.realEvents()),
                got, Keys::of, "SparkJobs.hourlyCtr: window(ts, '1 hour', '15 minutes')");
    }

    @Test
    @Checklist(id = "E13", points = 3)
    @DisplayName("Spark, query 5: a stream-stream left outer join with watermarks and a 10-minute time range gives the oracle's click verdicts")
    void join() throws Exception {
        run(Query.JOIN, OutputMode.Append(), "events", "join", "cp-join");
        Expect.sameRows("Spark click verdicts (H2 table click_verdicts)", Oracle.clickVerdicts(INPUT.realEvents()),
                ResultTables.clickVerdicts(url("join")).stream().filter(v -> INPUT.isRealWindow(v.clickTimeMs())).toList(),
                Keys::of,
                "SparkJobs.clickVerdicts: both sides withWatermark, leftOuter join on impression id AND "
                        + "impression_ts BETWEEN click_ts - INTERVAL 10 MINUTES AND click_ts");
    }

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("Spark emission: append mode writes a window once the watermark has passed its end (the closers' open minutes are not written); update mode writes every changed window, open ones too")
    void appendVersusUpdate() throws Exception {
        run(Query.TUMBLING, OutputMode.Append(), "events", "append", "cp-append");
        List<MinuteSpend> appended = ResultTables.minuteSpend(url("append"));
        Expect.sameRows("Spark minute spend in append mode", Oracle.minuteSpend(INPUT.realEvents(),
                INPUT.rateCard), appended, Keys::of, "append mode emits exactly the windows the watermark closed: "
                        + "every real minute (the closing impressions moved the watermark past them), none of the "
                        + "closers' own minutes");
        run(Query.TUMBLING, OutputMode.Update(), "events", "update", "cp-update");
        long open = ResultTables.minuteSpend(url("update")).stream()
                .filter(m -> !INPUT.isRealWindow(m.windowStartMs())).count();
        assertThat(open).as("update mode writes the closers' still-open minutes too, one per partition's closer")
                .isEqualTo(AdInput.PARTITIONS);
    }

    @Test
    @Checklist(id = "E15", points = 3)
    @DisplayName("Spark state restore: stopped halfway and restarted on its checkpoint, the query reads only the rest and ends with the oracle's answer; a full replay changes no row")
    void restartFromCheckpoint() throws Exception {
        KAFKA.cluster().createTopic("events-halves", AdInput.PARTITIONS);
        int half = INPUT.records.size() / 2;
        List<AdRecord> first = INPUT.records.subList(0, half);
        List<AdRecord> rest = INPUT.records.subList(half, INPUT.records.size());
        AdPublisher.publish(KAFKA.bootstrapServers(), "events-halves", first.iterator());
        run(Query.TUMBLING, OutputMode.Update(), "events-halves", "halves", "cp-halves");
        AdPublisher.publish(KAFKA.bootstrapServers(), "events-halves", rest.iterator());
        StreamingQuery second = run(Query.TUMBLING, OutputMode.Update(), "events-halves", "halves", "cp-halves");
        long readAgain = Arrays.stream(second.recentProgress()).mapToLong(StreamingQueryProgress::numInputRows).sum();
        assertThat(readAgain).as("the restarted query continues from the offsets in its checkpoint: it reads the "
                + "second half only (%d records)", rest.size()).isEqualTo(rest.size());
        List<MinuteSpend> expected = Oracle.minuteSpend(INPUT.realEvents(), INPUT.rateCard);
        Expect.sameRows("Spark minute spend after a restart", expected, ResultTables.minuteSpend(url("halves"))
                .stream().filter(m -> INPUT.isRealWindow(m.windowStartMs())).toList(), Keys::of,
                "windows open at the stop must continue from the state in the checkpoint (same checkpointLocation)");
        run(Query.TUMBLING, OutputMode.Update(), "events-halves", "halves", "cp-replay");
        List<MinuteSpend> afterReplay = ResultTables.minuteSpend(url("halves"));
        Expect.sameRows("Spark minute spend after a full replay (new checkpoint, same table)", expected,
                afterReplay.stream().filter(m -> INPUT.isRealWindow(m.windowStartMs())).toList(), Keys::of,
                "ResultTables.upsert: MERGE by (campaign_id, window_start) overwrites a window's row; an INSERT "
                        + "would fail or double it");
    }

    /**
     * Waits for an available-now query to end, at most 3 minutes (a correct one takes well under one here); fails
     * with the query's own error if it died.
     */
    static void await(StreamingQuery q, String ifNotEnded) throws Exception {
        if (!q.awaitTermination(Duration.ofMinutes(3).toMillis())) {
            q.stop();
            throw new AssertionError("the Spark query " + q.name() + " did not end within 3 minutes: " + ifNotEnded);
        }
        if (q.exception().isDefined()) {
            throw new AssertionError("the Spark query failed: " + q.exception().get().getMessage(),
                    q.exception().get());
        }
    }

    static SparkSettings settings(String db, String checkpoint) {
        return new SparkSettings(KAFKA.bootstrapServers(), "events", url(db), dir.resolve(checkpoint).toString(),
                INPUT.rateCard);
    }

    @Test
    @Checklist(id = "E25", points = 3)
    @DisplayName("Spark, query 3: session_window(ts, 30 minutes) after withWatermark, append mode upserted into H2, gives the oracle's sessions; the closers' open sessions are not written")
    void sessions() throws Exception {
        await(StatefulJobs.startSessions(spark, settings("sessions", "cp-sessions"), Trigger.AvailableNow()),
                "an available-now query ends once it has read what the topic held and run its no-data batch");
        List<UserSession> all = StatefulTables.sessions(url("sessions"));
        Expect.sameRows("Spark user sessions (H2 table user_sessions)", Oracle.sessions(INPUT.realEvents()),
                all.stream().filter(s -> INPUT.isRealWindow(s.startMs())).toList(), Keys::of,
                "StatefulJobs.userSessions: withWatermark, groupBy user_id and session_window(ts, '30 minutes'), "
                        + "min and max event_time, count, clicks");
        assertThat(all.stream().filter(s -> !INPUT.isRealWindow(s.startMs())))
                .as("append mode writes a session once the watermark has passed its end + gap: the closers' "
                        + "sessions are still open at the end of the input").isEmpty();
    }

    @Test
    @Checklist(id = "E28", points = 3)
    @DisplayName("Spark, query 6: flatMapGroupsWithState with event-time timeouts raises the oracle's silence alerts (campaign silent for 5 minutes of event time)")
    void silenceAlertsFromTimeouts() throws Exception {
        await(StatefulJobs.startSilenceAlerts(spark, settings("silence", "cp-silence"), Trigger.AvailableNow()),
                "with GroupStateTimeout.ProcessingTimeTimeout Spark keeps running batches while a wall-clock timeout "
                        + "is pending, so an available-now query never ends; the rule is on event time: "
                        + "EventTimeTimeout and setTimeoutTimestamp(latest + SILENCE)");
        Expect.sameRows("Spark silence alerts (H2 table silence_alerts)", Oracle.silenceAlerts(INPUT.events).stream()
                .filter(a -> INPUT.isRealWindow(a.silentSinceMs())).toList(),
                StatefulTables.silenceAlerts(url("silence")).stream()
                        .filter(a -> INPUT.isRealWindow(a.silentSinceMs())).toList(), Keys::of,
                "SilenceTimeouts: per campaign, the batch's impressions sorted by event time, a silence reported "
                        + "when an impression ends it or when the event-time timeout (latest + SILENCE, "
                        + "GroupStateTimeout.EventTimeTimeout) fires as the watermark passes it");
    }
}
