package dev.dataeng.p08;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p08.flink.FlinkJobs;
import dev.dataeng.p08.flink.FlinkSettings;
import dev.dataeng.p08.kstreams.AdStreamsApp;
import dev.dataeng.p08.kstreams.Emission;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.spark.ResultTables;
import dev.dataeng.p08.spark.SparkJobs;
import dev.dataeng.p08.spark.SparkSessions;
import dev.dataeng.p08.spark.SparkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson of the chapter in one test: the same topic, another seed, the three engines, the same answers. Kafka
 * Streams runs as an application on the broker (final results), Flink as DataStream jobs on a MiniCluster (bounded
 * source), Spark as streaming queries (available-now) upserting into H2.
 */
class CrossEngineTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    /**
     * One partition: Kafka Streams re-keys clicks and impressions by impression id for the join, through repartition
     * topics. With several input partitions, several tasks write into each repartition partition, each as fast as it
     * reads its own partition, so a replay interleaves them minutes of event time apart, beyond any small grace, and
     * the join drops or flags clicks the other engines match. (Flink and Spark shuffle without this: their
     * watermarks are the minimum over their inputs.) See the README, "what is the engine".
     */
    static final AdInput INPUT = AdInput.of(2026, 1);

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E18", points = 4)
    @DisplayName("Cross-engine: Kafka Streams, Flink and Spark give identical final results for queries 1, 2 and 5 on the same seeded topic")
    void threeEnginesAgree() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KAFKA.cluster().createTopic("events", INPUT.partitions);
        INPUT.publish(bootstrap, "events");

        Map<Query, String> ksOut = Map.of(Query.TUMBLING, "ks.tumbling", Query.SLIDING, "ks.sliding", Query.JOIN,
                "ks.join");
        try (AdStreamsApp app = new AdStreamsApp("p08-cross", bootstrap, dir.resolve("kstreams"), "events", ksOut,
                INPUT.rateCard, Emission.FINAL).start(Duration.ofSeconds(90))) {
            KafkaStreamsAppTest.awaitCaughtUp(bootstrap, "p08-cross", "events");
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        for (Query q : Query.values()) {
            FlinkJobs.define(env, q, new FlinkSettings(bootstrap, "events", "flink." + q.cliName(), "p08-cross-" + q,
                    true, INPUT.rateCard));
        }
        env.execute("p08 cross-engine");

        String url = H2.fileUrl(dir, "spark");
        SparkSession spark = SparkSessions.create("local[2]", 4);
        try {
            for (Query q : Query.values()) {
                StreamingQuery sq = SparkJobs.start(spark, q, new SparkSettings(bootstrap, "events", url,
                        dir.resolve("cp-" + q.cliName()).toString(), INPUT.rateCard), Trigger.AvailableNow(),
                        OutputMode.Update());
                sq.awaitTermination();
                if (sq.exception().isDefined()) {
                    throw new AssertionError("Spark query " + q + " failed: " + sq.exception().get().getMessage());
                }
            }
        } finally {
            spark.stop();
        }

        List<MinuteSpend> ks1 = real(Results.fromTopic(bootstrap, "ks.tumbling", MinuteSpend.class));
        List<MinuteSpend> flink1 = real(Results.fromTopic(bootstrap, "flink.tumbling", MinuteSpend.class));
        List<MinuteSpend> spark1 = real(ResultTables.minuteSpend(url));
        Expect.sameRows("query 1, Flink vs Kafka Streams", ks1, flink1, Keys::of, HINT);
        Expect.sameRows("query 1, Spark vs Kafka Streams", ks1, spark1, Keys::of, HINT);

        List<HourlyCtr> ks2 = realHours(Results.fromTopic(bootstrap, "ks.sliding", HourlyCtr.class));
        List<HourlyCtr> flink2 = realHours(Results.fromTopic(bootstrap, "flink.sliding", HourlyCtr.class));
        List<HourlyCtr> spark2 = realHours(ResultTables.hourlyCtr(url));
        Expect.sameRows("query 2, Flink vs Kafka Streams", ks2, flink2, Keys::of, HINT);
        Expect.sameRows("query 2, Spark vs Kafka Streams", ks2, spark2, Keys::of, HINT);

        List<ClickVerdict> ks5 = realClicks(Results.fromTopic(bootstrap, "ks.join", ClickVerdict.class));
        List<ClickVerdict> flink5 = realClicks(Results.fromTopic(bootstrap, "flink.join", ClickVerdict.class));
        List<ClickVerdict> spark5 = realClicks(ResultTables.clickVerdicts(url));
        Expect.sameRows("query 5, Flink vs Kafka Streams", ks5, flink5, Keys::of, HINT);
        Expect.sameRows("query 5, Spark vs Kafka Streams", ks5, spark5, Keys::of, HINT);
        Expect.sameRows("query 5, Kafka Streams vs the oracle", Oracle.clickVerdicts(INPUT.realEvents()), ks5, Keys::of,
                HINT);
    }

    static final String HINT = "the same problem must give the same answer in every engine: compare the window "
            + "definitions (size, slide, alignment), the event-time source, the join bounds and the watermark / grace";

    static List<MinuteSpend> real(List<MinuteSpend> rows) {
        return rows.stream().filter(m -> INPUT.isRealWindow(m.windowStartMs())).toList();
    }

    static List<HourlyCtr> realHours(List<HourlyCtr> rows) {
        return rows.stream().filter(h -> INPUT.isRealWindow(h.windowStartMs())).toList();
    }

    static List<ClickVerdict> realClicks(List<ClickVerdict> rows) {
        return rows.stream().filter(v -> INPUT.isRealWindow(v.clickTimeMs())).toList();
    }
}
