package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdStreamSummary;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p07.consume.ConsumerSettings;
import dev.dataeng.p07.consume.CrashPoint;
import dev.dataeng.p07.consume.IngestionStats;
import dev.dataeng.p07.consume.SimulatedCrash;
import dev.dataeng.p07.lag.LagReport;
import dev.dataeng.p07.lag.PartitionLag;
import dev.dataeng.p07.registry.EmbeddedSchemaRegistry;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.sink.BronzeWriter;
import dev.dataeng.p07.topics.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    static EmbeddedSchemaRegistry registry;
    static SchemaRegistryClient client;
    static AdEventGenerator gen;
    static AdStreamSummary summary;

    @BeforeAll
    static void produce() {
        Pipeline.chapterTopics(KAFKA.cluster(), 3);
        registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), Topics.SCHEMAS, 0);
        client = new SchemaRegistryClient(registry.url());
        gen = Pipeline.dirty(GradingSeed.of(99), 1500);
        summary = gen.summarize();
        Pipeline.produce(KAFKA.bootstrapServers(), client, Topics.AD_EVENTS, gen);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @ParameterizedTest(name = "crash {0}")
    @EnumSource(value = CrashPoint.class, names = {"AFTER_BRONZE_FILE", "AFTER_DATABASE_COMMIT"})
    @Checklist(id = "E15", points = 3)
    @DisplayName("killed mid-batch (after the bronze file, or after the database commit but before the offset commit) and restarted, the consumer leaves every event exactly once in the table and in the bronze files")
    void killAndRestartIsEffectivelyOnce(CrashPoint point, @TempDir Path dir) {
        String url = H2.fileUrl(dir, "ads");
        Path bronze = dir.resolve("bronze");
        String group = "recover-" + point;
        ConsumerSettings settings = ConsumerSettings.of(KAFKA.bootstrapServers(), group, Topics.AD_EVENTS,
                Topics.DEAD_LETTERS, url, bronze).withFlush(400, 60_000).withMaxPollRecords(100);

        Pipeline.Running first = Pipeline.start(settings.withCrash(point, 3), client, Pipeline.rules(gen));
        // Crash on flush 3: a consumer that completes a third flush never reached its crashIf(point).
        KafkaWait.until(Pipeline.BOUND, "the consumer to crash at " + point,
                () -> first.consumer().finished() || first.counts().flushes() >= 3);
        assertThat(first.consumer().finished()).as("flush() must call crashIf(CrashPoint." + point + ") "
                + (point == CrashPoint.AFTER_BRONZE_FILE ? "after the bronze rename, before the database commit"
                : "after the database commit, before the offset commit") + ": the consumer was to crash there in its"
                + " third flush, but that flush completed (" + first.counts() + ")").isTrue();
        assertThat(first.consumer().failure()).as("what ended the first consumer").isInstanceOf(SimulatedCrash.class);
        IngestionStats.Counts before = first.counts();
        assertThat(before.consumed()).as("records committed before the crash (two flushes of 400)").isEqualTo(800);

        Pipeline.Running second = Pipeline.start(settings.withFlush(400, 300), client, Pipeline.rules(gen));
        try (Admin admin = KAFKA.cluster().admin()) {
            KafkaWait.until(Pipeline.BOUND, "group " + group + " to have committed to the end of " + Topics.AD_EVENTS
                    + " with nothing left in its buffer", () -> {
                        if (second.consumer().failure() != null) {
                            throw new AssertionError("the restarted consumer failed: " + second.consumer().failure());
                        }
                        IngestionStats.Counts c = second.counts();
                        return c.polled() > 0 && c.consumed() == c.polled() && LagReport.of(admin, group,
                                Topics.AD_EVENTS).stream().mapToLong(PartitionLag::lag).sum() == 0;
                    });
        }
        IngestionStats.Counts after = second.stop();

        Map<String, AdEvent> truth = gen.uniqueEvents().collect(Collectors.toMap(AdEvent::eventId,
                Function.identity()));
        assertThat(H2.scalar(url, "SELECT COUNT(*) FROM ad_events")).as("rows after crash at " + point
                + " and restart (counts before " + before + ", after " + after + ")").isEqualTo(truth.size());
        assertThat(H2.scalar(url, "SELECT COUNT(DISTINCT event_id) FROM ad_events")).as("distinct event ids")
                .isEqualTo(truth.size());
        List<AdEvent> inBronze = new ArrayList<>();
        BronzeWriter.files(bronze).forEach(f -> {
            assertThat(f.getFileName().toString()).as("a temp file was left behind").doesNotEndWith(".tmp");
            inBronze.addAll(BronzeWriter.read(f));
        });
        assertThat(inBronze).as("events in the bronze files after crash at " + point + " and restart (each once)")
                .hasSize(truth.size()).containsExactlyInAnyOrderElementsOf(truth.values());
        assertThat(after.reconciles()).as("counts of the restarted consumer reconcile: " + after).isTrue();
    }
}
