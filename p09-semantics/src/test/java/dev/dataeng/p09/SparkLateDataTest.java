package dev.dataeng.p09;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p09.time.LatenessRules;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.SparkLateData;
import dev.dataeng.p09.time.WindowCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's watermark on the late-data input of {@link FlinkLateDataTest} and {@link StreamsLateDataTest}: a
 * Structured Streaming query (local[2], one session for the class) reads the topic in micro-batches of a fixed
 * size ({@code maxOffsetsPerTrigger} on one partition, {@code Trigger.AvailableNow}), so that which rows the
 * watermark drops is a function of the input, and the oracle can say which.
 */
class SparkLateDataTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    /** The chapter's rules: 1-minute windows, 5 s out-of-orderness (Spark's watermark delay); Spark has no allowed lateness. */
    static final LatenessRules RULES = new LatenessRules(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ZERO, null);
    static final String INPUT = "ad-events";

    @TempDir
    static Path dir;
    static SparkSession spark;
    /** 10 minutes of events, 10% out of order (≤ 5 s), 3% late by 2–10 minutes: the input of E6 and E9. */
    static List<AdEvent> arrivals;
    static Map<String, Campaign> campaigns;

    @BeforeAll
    static void setUp() {
        AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(GradingSeed.of(21), 6_000)
                .withDirt(0.10, 0.03, 0, 0));
        List<AdRecord> records = generator.records().toList();
        arrivals = records.stream().map(r -> ((AdRecord.Event) r).event()).toList();
        campaigns = generator.campaignsById();
        // One partition: the topic's order is the arrival order, and micro-batch k is exactly the k-th slice.
        KAFKA.cluster().createTopic(INPUT, 1);
        AdPublisher.publish(KAFKA.bootstrapServers(), INPUT, records.iterator());
        spark = SparkLateData.session("local[2]");
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** What one run of the query left: the last value of each window, and the progress tally. */
    record Run(Map<String, WindowCount> windows, SparkLateData.Tally tally) {
        long accepted() {
            return windows.values().stream().mapToLong(WindowCount::events).sum();
        }
    }

    static Run run(int batchSize) throws Exception {
        String out = "window-spend-spark-" + batchSize;
        KAFKA.cluster().createTopic(out, 1);
        SparkLateData.Settings s = new SparkLateData.Settings(KAFKA.bootstrapServers(), INPUT, out,
                dir.resolve("checkpoint-" + batchSize).toString(), batchSize);
        StreamingQuery q = SparkLateData.start(spark, s, RULES, Prices.of(campaigns), Trigger.AvailableNow());
        q.awaitTermination();
        if (q.exception().isDefined()) {
            throw new AssertionError("the Spark query failed: " + q.exception().get().getMessage(),
                    q.exception().get());
        }
        Map<String, WindowCount> last = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(KAFKA.bootstrapServers(), out,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30))) {
            WindowCount w = WindowCount.fromJson(r.value());
            last.put(w.key(), w);
        }
        return new Run(last, SparkLateData.tally(q));
    }

    static List<Long> slices(int total, int batchSize) {
        List<Long> sizes = new ArrayList<>();
        for (int from = 0; from < total; from += batchSize) {
            sizes.add((long) Math.min(batchSize, total - from));
        }
        return sizes;
    }

    @Test
    @Checklist(id = "E17", points = 3)
    @DisplayName("Spark: withWatermark drops late rows silently; accepted (the windows written) + dropped = input, the dropped ones exactly those the per-batch watermark rule gives, and the query's progress shows the drop")
    void watermarkDropIsShownAndCounted() throws Exception {
        int batchSize = 1_000;
        Run run = run(batchSize);
        LatenessOracle oracle = LatenessOracle.spark(arrivals, RULES.window().toMillis(),
                RULES.outOfOrderness().toMillis(), batchSize);

        assertThat(run.tally().inputRows()).as("input rows summed over every progress report (SparkLateData.tally: "
                + "all of query.recentProgress(), not only lastProgress())").isEqualTo(arrivals.size());
        assertThat(run.tally().batchRows()).as("input rows per micro-batch (maxOffsetsPerTrigger %s on one "
                + "partition): the premise of the expected drops", batchSize)
                .isEqualTo(slices(arrivals.size(), batchSize));
        long dropped = run.tally().inputRows() - run.accepted();
        System.out.printf("Spark, batches of %,d: input %,d = accepted %,d + dropped %,d; numRowsDroppedByWatermark "
                + "%,d; oracle %s%n", batchSize, run.tally().inputRows(), run.accepted(), dropped,
                run.tally().droppedByWatermark(), oracle.summary());
        assertThat(List.of(run.accepted(), dropped))
                .as("accepted (events in the last value of each window), dropped (input - accepted); expected %s. "
                        + "Spark's watermark is max event time seen - 5 s, and a window aggregate drops a row whose "
                        + "window ended at or before the watermark the previous batch ran with (SparkLateData.countPerWindow: "
                        + "withWatermark on the event time, window of 1 minute)", oracle.summary())
                .containsExactly((long) oracle.onTime.size(), (long) oracle.tooLate.size());
        assertThat(run.accepted() + oracle.tooLate.size()).as("accepted + dropped = input").isEqualTo(arrivals.size());

        Map<String, Long> finals = new TreeMap<>();
        Map<String, Long> spend = new TreeMap<>();
        run.windows().forEach((k, w) -> {
            finals.put(k, w.events());
            spend.put(k, w.spendMicros());
        });
        assertThat(finals).as("each window's last value: its accepted events")
                .isEqualTo(new TreeMap<>(oracle.finalCounts));
        Map<String, Long> expectedSpend = new TreeMap<>();
        for (AdEvent e : arrivals) {
            if (!oracle.tooLate.contains(e.eventId())) {
                expectedSpend.merge(e.campaignId() + "@" + (e.eventTimeMs() - Math.floorMod(e.eventTimeMs(),
                        RULES.window().toMillis())), campaigns.get(e.campaignId()).costMicros(e.type()), Long::sum);
            }
        }
        assertThat(spend).as("each window's spend (micros) over its accepted events").isEqualTo(expectedSpend);

        assertThat(run.tally().droppedByWatermark())
                .as("numRowsDroppedByWatermark summed over the progress reports (%s events dropped): Spark's only "
                        + "sign of the drop. It counts the rows that reached the state operator, after each batch's "
                        + "partial aggregation, so it is at most the events dropped, and above 0 when any was",
                        oracle.tooLate.size())
                .isPositive().isLessThanOrEqualTo(oracle.tooLate.size());
        assertThat(oracle.tooLate).as("the input has rows too late for Spark's watermark (else this proves nothing)")
                .isNotEmpty();
    }
}
