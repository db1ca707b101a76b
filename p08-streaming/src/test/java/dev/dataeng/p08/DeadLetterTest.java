package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p08.kstreams.AdTopology;
import dev.dataeng.p08.kstreams.DeadLetterHandler;
import dev.dataeng.p08.kstreams.Emission;
import dev.dataeng.p08.kstreams.JsonSerde;
import dev.dataeng.p08.model.DeadLetters;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p08.flink.DeadLetterRouting;
import dev.dataeng.p08.flink.FlinkSettings;
import java.time.Duration;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p08.spark.SparkDeadLetters;
import dev.dataeng.p08.spark.SparkSessions;
import dev.dataeng.p08.spark.SparkSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Undecodable input records: dead-lettered with their original bytes and a reason, never skipped silently. Every
 * engine runs query 1 over a stream with poison; what decodes is counted in the minute spend, what does not is on
 * the dead-letter topic (or table), and {@code valid + dead-lettered = input}.
 */
class DeadLetterTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniCluster.perClass();
    static final DirtyInput INPUT = new DirtyInput(AdInput.SEED);
    @TempDir
    static Path dir;

    @BeforeAll
    static void publish() {
        KAFKA.cluster().createTopic("events", AdInput.PARTITIONS);
        KAFKA.cluster().createTopic(DeadLetters.topicFor("events"), 1);
        AdPublisher.publish(KAFKA.bootstrapServers(), "events", INPUT.records.iterator());
    }

    /** The undecodable bytes the generator published, as base64 strings (to compare as a set). */
    static List<String> undecodableBytes() {
        return INPUT.records.stream().filter(r -> r instanceof AdRecord.Poison p && p.event() == null)
                .map(r -> Base64.getEncoder().encodeToString(((AdRecord.Poison) r).bytes())).sorted().toList();
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Checks the dead letters: the original bytes, and where each came from. */
    static void checkDeadLetters(String engine, List<byte[]> values, List<Headers> headers, String sourceTopic,
            String hint) {
        assertThat(INPUT.undecodable).as("the input has undecodable records").isPositive();
        assertThat(values.stream().map(v -> Base64.getEncoder().encodeToString(v)).sorted().toList())
                .as("%s: the dead letters (topic or table) hold every undecodable record, byte for byte as published (%d of "
                        + "them), and nothing else. Hint: %s", engine, INPUT.undecodable, hint)
                .isEqualTo(undecodableBytes());
        for (Headers h : headers) {
            assertThat(header(h, DeadLetters.REASON)).as("%s: header %s (why)", engine, DeadLetters.REASON)
                    .isNotBlank();
            assertThat(header(h, DeadLetters.SOURCE_TOPIC)).as("%s: header %s", engine, DeadLetters.SOURCE_TOPIC)
                    .isEqualTo(sourceTopic);
            assertThat(header(h, DeadLetters.SOURCE_PARTITION)).as("%s: header %s", engine,
                    DeadLetters.SOURCE_PARTITION).matches("\\d+");
            assertThat(header(h, DeadLetters.SOURCE_OFFSET)).as("%s: header %s", engine, DeadLetters.SOURCE_OFFSET)
                    .matches("\\d+");
        }
    }

    /** The minute spend equals the oracle's over what decodes, and valid + dead-lettered = published. */
    static void checkValidCount(String engine, List<MinuteSpend> lastPerWindow, long deadLettered) {
        Expect.sameRows(engine + " minute spend over the decodable records", Oracle.minuteSpend(INPUT.decodable,
                INPUT.rateCard), lastPerWindow, Keys::of, "the undecodable records must not stop the job nor be "
                        + "counted; the unknown campaigns' events decode and count (spend 0)");
        long valid = lastPerWindow.stream().mapToLong(m -> m.impressions() + m.clicks()).sum();
        assertThat(valid + deadLettered).as("%s: valid (%d, counted in the minute spend) + dead-lettered (%d) = "
                + "records published (%d: the generator's summarize() less its year-ahead events)", engine, valid,
                deadLettered, INPUT.published()).isEqualTo(INPUT.published());
    }

    @Test
    @Checklist(id = "E34", points = 2)
    @DisplayName("Flink: undecodable records leave the job through a side output to <topic>-dlq with their original bytes and reason/source headers; valid + dead-lettered = input")
    void flinkSideOutputDeadLetters() throws Exception {
        String output = "p08.flink.dirty-tumbling";
        KAFKA.cluster().createTopic(output, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DeadLetterRouting.defineMinuteSpend(env, new FlinkSettings(KAFKA.bootstrapServers(), "events", output,
                "p08-" + output, true, INPUT.rateCard));
        env.execute("p08 flink dead letters");
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readAll(KAFKA.bootstrapServers(),
                DeadLetters.topicFor("events"), IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        checkDeadLetters("Flink", dead.stream().map(ConsumerRecord::value).toList(),
                dead.stream().map(ConsumerRecord::headers).toList(), "events",
                "DeadLetterRouting.Route: a record with no event goes to ctx.output(DEAD_LETTERS, record)");
        checkValidCount("Flink", Results.fromTopic(KAFKA.bootstrapServers(), output, MinuteSpend.class), dead.size());
    }

    @Test
    @Checklist(id = "E35", points = 2)
    @DisplayName("Spark: a parse_status column accounts for every record; undecodable ones upserted with their original bytes, reason and source offset into dead_letters; OK + UNDECODABLE = input")
    void sparkParseStatusAndDeadLetters() throws Exception {
        SparkSession spark = SparkSessions.create("local[2]", 4);
        String url = H2.fileUrl(dir, "dead-letters");
        try {
            StreamingQuery q = SparkDeadLetters.start(spark, new SparkSettings(KAFKA.bootstrapServers(), "events", url,
                    dir.resolve("checkpoint-dead-letters").toString(), INPUT.rateCard), Trigger.AvailableNow());
            q.awaitTermination();
            if (q.exception().isDefined()) {
                throw new AssertionError("the Spark query failed: " + q.exception().get().getMessage(),
                        q.exception().get());
            }
        } finally {
            spark.stop();
        }
        List<byte[]> values = new ArrayList<>();
        List<Headers> headers = new ArrayList<>();
        Map<String, Long> byStatus = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT source_topic, source_partition, source_offset, reason, "
                    + "raw_value FROM " + SparkDeadLetters.DEAD_LETTERS)) {
                while (rs.next()) {
                    values.add(rs.getBytes(5));
                    headers.add(new RecordHeaders().add(DeadLetters.SOURCE_TOPIC, utf8(rs.getString(1)))
                            .add(DeadLetters.SOURCE_PARTITION, utf8(Integer.toString(rs.getInt(2))))
                            .add(DeadLetters.SOURCE_OFFSET, utf8(Long.toString(rs.getLong(3))))
                            .add(DeadLetters.REASON, utf8(rs.getString(4))));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT parse_status, SUM(records) FROM " + SparkDeadLetters.PARSE_COUNTS
                    + " GROUP BY parse_status")) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        checkDeadLetters("Spark", values, headers, "events", "SparkDeadLetters.withParseStatus: from_json gives "
                + "null fields for bytes that are no event; parse_status UNDECODABLE unless every field is there");
        long ok = byStatus.getOrDefault("OK", 0L);
        long bad = byStatus.getOrDefault("UNDECODABLE", 0L);
        assertThat(ok).as("Spark: records with parse_status OK = the decodable records (events and the unknown "
                + "campaigns' events)").isEqualTo(INPUT.decodable.size());
        assertThat(ok + bad).as("Spark: OK (%d) + UNDECODABLE (%d) = records published (%d)", ok, bad,
                INPUT.published()).isEqualTo(INPUT.published());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Checklist(id = "E33", points = 3)
    @DisplayName("Kafka Streams: undecodable records go to <topic>-dlq (DeserializationExceptionHandler) with their original bytes and headers for reason, topic, partition and offset; valid + dead-lettered = input")
    void kafkaStreamsDeadLetters() {
        Properties config = KafkaStreamsTopologyTest.config();
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        List<MinuteSpend> updates;
        List<TestRecord<byte[], byte[]>> dead;
        try (TopologyTestDriver driver = new TopologyTestDriver(
                AdTopology.build(Query.TUMBLING, "events", "out", INPUT.rateCard, Emission.UPDATES, config), config)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("events", Serdes.ByteArray().serializer(),
                    Serdes.ByteArray().serializer());
            for (AdRecord r : INPUT.records) {
                if (r instanceof AdRecord.Event e) {
                    in.pipeInput(e.event().campaignId().getBytes(StandardCharsets.UTF_8), AdJson.write(e.event()),
                            e.event().eventTimeMs());
                } else {
                    AdRecord.Poison p = (AdRecord.Poison) r;
                    in.pipeInput(p.event() == null ? null : p.event().campaignId().getBytes(StandardCharsets.UTF_8),
                            p.event() == null ? p.bytes() : AdJson.write(p.event()), p.arrivalTimeMs());
                }
            }
            updates = driver.createOutputTopic("out", Serdes.String().deserializer(),
                    JsonSerde.of(MinuteSpend.class).deserializer()).readValuesToList();
            dead = driver.createOutputTopic(DeadLetters.topicFor("events"), Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer()).readRecordsToList();
        }
        checkDeadLetters("Kafka Streams", dead.stream().map(TestRecord::value).toList(),
                dead.stream().map(TestRecord::headers).toList(), "events",
                "DeadLetterHandler.handleError: Response.resume with DeadLetters.of(...) of the record as it came");
        Map<String, MinuteSpend> last = updates.stream()
                .collect(Collectors.toMap(Keys::of, Function.identity(), (a, b) -> b));
        checkValidCount("Kafka Streams", List.copyOf(last.values()), dead.size());
    }
}
