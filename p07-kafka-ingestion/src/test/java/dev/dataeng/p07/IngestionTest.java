package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdStreamSummary;
import dev.dataeng.common.ads.PoisonKind;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p07.consume.ConsumerSettings;
import dev.dataeng.p07.consume.DeadLetters;
import dev.dataeng.p07.consume.IngestionStats;
import dev.dataeng.p07.produce.SendStats;
import dev.dataeng.p07.registry.EmbeddedSchemaRegistry;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.serde.WireFormat;
import dev.dataeng.p07.sink.BronzeWriter;
import dev.dataeng.p07.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One dirty stream (3,000 impressions plus clicks, duplicates, late and out-of-order events, poison, and records
 * framed with a schema id the registry never gave out) produced once and consumed once by the chapter's consumer;
 * each test checks one side of the outcome against the generator's truth.
 */
class IngestionTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @TempDir
    static Path dir;

    static final int UNKNOWN_SCHEMA_RECORDS = 3;
    static AdEventGenerator gen;
    static AdStreamSummary summary;
    static EmbeddedSchemaRegistry registry;
    static SchemaRegistryClient client;
    static String jdbcUrl;
    static Path bronze;
    static SendStats sent;
    static IngestionStats.Counts counts;

    @BeforeAll
    static void produceAndConsumeOnce() {
        Pipeline.chapterTopics(KAFKA.cluster(), 4);
        registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), Topics.SCHEMAS, 0);
        client = new SchemaRegistryClient(registry.url());
        gen = Pipeline.dirty(GradingSeed.of(2026), 3000);
        summary = gen.summarize();
        sent = Pipeline.produce(KAFKA.bootstrapServers(), client, Topics.AD_EVENTS, gen);
        injectUnknownSchemaIds();

        jdbcUrl = H2.fileUrl(dir, "ads");
        bronze = dir.resolve("bronze");
        ConsumerSettings settings = ConsumerSettings.of(KAFKA.bootstrapServers(), "ingest", Topics.AD_EVENTS,
                Topics.DEAD_LETTERS, jdbcUrl, bronze).withFlush(700, 500);
        Pipeline.Running consumer = Pipeline.start(settings, client, Pipeline.rules(gen));
        Pipeline.awaitTotal(List.of(consumer), "records consumed", total(), IngestionStats.Counts::consumed);
        counts = consumer.stop();
        System.out.println("ingestion: " + counts);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static long total() {
        return summary.records() + UNKNOWN_SCHEMA_RECORDS;
    }

    /** Well-framed records whose schema id (4242+) no registry handed out: a producer of another environment. */
    static void injectUnknownSchemaIds() {
        Map<String, Object> p = new HashMap<>(KAFKA.cluster().clientProperties());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < UNKNOWN_SCHEMA_RECORDS; i++) {
                producer.send(new ProducerRecord<>(Topics.AD_EVENTS, "cmp-0001".getBytes(StandardCharsets.UTF_8),
                        WireFormat.frame(4242 + i, new byte[] {2, 'x'})));
            }
            producer.flush();
        }
    }

    @Test
    @Checklist(id = "E11", points = 3)
    @DisplayName("a dirty stream reconciles: consumed = persisted + dead-lettered + duplicates, each equal to the generator's counts")
    void countsReconcile() {
        assertThat(sent.acknowledged()).as("records the producer got acknowledged").isEqualTo(summary.records());
        assertThat(counts.consumed()).as("records consumed (" + summary.records() + " generated + "
                + UNKNOWN_SCHEMA_RECORDS + " with an unknown schema id); counts: " + counts).isEqualTo(total());
        assertThat(counts.persisted()).as("new events loaded = unique events of the generator").isEqualTo(
                summary.uniqueEvents());
        assertThat(counts.duplicates()).as("redelivered events recognised by event id").isEqualTo(summary.duplicates());
        assertThat(counts.deadLettered()).as("dead letters = poison + unknown schema ids").isEqualTo(
                summary.poison() + UNKNOWN_SCHEMA_RECORDS);
        assertThat(counts.reconciles()).as("consumed = persisted + dead-lettered + duplicates: " + counts).isTrue();
        assertThat(H2.scalar(jdbcUrl, "SELECT COUNT(*) FROM ad_events")).as("rows in ad_events")
                .isEqualTo(summary.uniqueEvents());
    }

    @Test
    @Checklist(id = "E12", points = 2)
    @DisplayName("every poison record is on the dead-letter topic unchanged, with headers: reason, detail, exception class, original topic, partition and offset")
    void deadLettersCarryReasonAndOrigin() {
        List<ConsumerRecord<byte[], byte[]>> letters = KafkaTopics.readAll(KAFKA.bootstrapServers(),
                Topics.DEAD_LETTERS, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(60));
        Map<String, ConsumerRecord<byte[], byte[]>> source = KafkaTopics.readAll(KAFKA.bootstrapServers(),
                Topics.AD_EVENTS, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(60)).stream()
                .collect(Collectors.toMap(r -> r.partition() + "@" + r.offset(), Function.identity()));
        assertThat(letters).as("records on " + Topics.DEAD_LETTERS).hasSize((int) (summary.poison()
                + UNKNOWN_SCHEMA_RECORDS));

        Map<String, Long> byReason = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String reason = header(letter, DeadLetters.REASON);
            byReason.merge(reason, 1L, Long::sum);
            assertThat(header(letter, DeadLetters.DETAIL)).as("detail header of a " + reason + " letter").isNotBlank();
            assertThat(header(letter, DeadLetters.EXCEPTION)).as("exception class header of a " + reason + " letter"
                    + " (a rule violation throws nothing: name the rule's class; see DeadLetters.Letter)")
                    .isNotBlank();
            assertThat(header(letter, DeadLetters.ORIGINAL_TOPIC)).as("original topic header")
                    .isEqualTo(Topics.AD_EVENTS);
            String origin = header(letter, DeadLetters.ORIGINAL_PARTITION) + "@"
                    + header(letter, DeadLetters.ORIGINAL_OFFSET);
            ConsumerRecord<byte[], byte[]> original = source.get(origin);
            assertThat(original).as("the record at partition@offset " + origin + " named by a " + reason
                    + " letter").isNotNull();
            assertThat(letter.value()).as("value of the letter for " + origin + " (the original bytes)")
                    .isEqualTo(original.value());
        }
        Map<String, Long> expected = new TreeMap<>();
        summary.poisonByKind().forEach((kind, n) -> {
            if (n > 0) {
                expected.put(kind.name(), n);
            }
        });
        expected.put("UNKNOWN_SCHEMA_ID", (long) UNKNOWN_SCHEMA_RECORDS);
        assertThat(byReason).as("dead letters by reason (the generator's poison kinds: "
                + List.of(PoisonKind.values()) + ", plus UNKNOWN_SCHEMA_ID)").isEqualTo(expected);
    }

    @Test
    @Checklist(id = "E13", points = 3)
    @DisplayName("bronze: Avro container files under dt=YYYY-MM-DD/hr=HH of each event's time (UTC), no temp files left, every event exactly once; the H2 table holds the same events")
    void bronzeFilesAndTableHoldEachEventOnce() {
        Map<String, AdEvent> truth = gen.uniqueEvents().collect(Collectors.toMap(AdEvent::eventId,
                Function.identity()));
        List<Path> files = BronzeWriter.files(bronze);
        assertThat(files).as("files under " + bronze).isNotEmpty();
        List<AdEvent> inBronze = new ArrayList<>();
        for (Path f : files) {
            String relative = bronze.relativize(f).toString().replace('\\', '/');
            assertThat(relative).as("bronze file name (no temp file may stay behind)")
                    .matches("dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2}/[^/.][^/]*\\.avro");
            for (AdEvent e : BronzeWriter.read(f)) {
                java.time.ZonedDateTime t = java.time.Instant.ofEpochMilli(e.eventTimeMs())
                        .atZone(java.time.ZoneOffset.UTC);
                assertThat(relative).as("folder of " + e.eventId() + " at " + t)
                        .startsWith(String.format("dt=%s/hr=%02d/", t.toLocalDate(), t.getHour()));
                inBronze.add(e);
            }
        }
        assertThat(inBronze).as("events in the bronze files (each unique event once)")
                .hasSize(truth.size()).containsExactlyInAnyOrderElementsOf(truth.values());

        List<Map<String, Object>> rows = H2.rows(jdbcUrl, "SELECT event_id, event_type, campaign_id, user_id,"
                + " impression_id, event_time_ms, bronze_file FROM ad_events");
        assertThat(rows).as("rows in ad_events").hasSize(truth.size());
        for (Map<String, Object> row : rows) {
            AdEvent e = truth.get((String) row.get("EVENT_ID"));
            assertThat(e).as("row " + row.get("EVENT_ID") + " is a generated event").isNotNull();
            assertThat(new AdEvent((String) row.get("EVENT_ID"), dev.dataeng.common.ads.EventType.valueOf(
                    (String) row.get("EVENT_TYPE")), (String) row.get("CAMPAIGN_ID"), (String) row.get("USER_ID"),
                    (String) row.get("IMPRESSION_ID"), ((Number) row.get("EVENT_TIME_MS")).longValue()))
                    .as("row of " + e.eventId()).isEqualTo(e);
            assertThat(Files.exists(bronze.resolve((String) row.get("BRONZE_FILE"))))
                    .as("the bronze file a row names exists: " + row.get("BRONZE_FILE")).isTrue();
        }
    }

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("re-consuming the whole topic with a new group changes nothing: same rows, same bronze files; everything counts as duplicate or dead letter")
    void reconsumingChangesNothing() throws Exception {
        List<Map<String, Object>> before = H2.rows(jdbcUrl, "SELECT * FROM ad_events ORDER BY event_id");
        Map<Path, Long> filesBefore = sizes(BronzeWriter.files(bronze));
        String replayDlq = "ad-events-dlq-replay";
        KAFKA.cluster().createTopic(replayDlq, 1);
        ConsumerSettings again = ConsumerSettings.of(KAFKA.bootstrapServers(), "ingest-replay", Topics.AD_EVENTS,
                replayDlq, jdbcUrl, bronze).withFlush(1000, 500);
        Pipeline.Running consumer = Pipeline.start(again, client, Pipeline.rules(gen));
        Pipeline.awaitTotal(List.of(consumer), "records re-consumed", total(), IngestionStats.Counts::consumed);
        IngestionStats.Counts replay = consumer.stop();
        assertThat(replay.persisted()).as("events loaded again by the replay: " + replay).isZero();
        assertThat(replay.duplicates()).as("replayed events recognised as duplicates").isEqualTo(summary.events());
        assertThat(replay.reconciles()).as("replay counts reconcile: " + replay).isTrue();
        assertThat(H2.rows(jdbcUrl, "SELECT * FROM ad_events ORDER BY event_id")).as("ad_events after the replay")
                .isEqualTo(before);
        assertThat(sizes(BronzeWriter.files(bronze))).as("bronze files (and sizes) after the replay")
                .isEqualTo(filesBefore);
    }

    private static Map<Path, Long> sizes(List<Path> files) throws java.io.IOException {
        Map<Path, Long> out = new TreeMap<>();
        for (Path f : files) {
            out.put(f, Files.size(f));
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
