package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p10.gateway.EventsGateway;
import dev.dataeng.p10.gateway.GatewayClient;
import dev.dataeng.p10.metrics.Metrics;
import dev.dataeng.p10.platform.FlinkOptions;
import dev.dataeng.p10.platform.PlatformJob;
import dev.dataeng.p10.platform.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-time path end to end on embedded engines: generator → gateway (HTTP) → Kafka → Flink (speed layer SQL
 * + lake sink, run bounded so it finishes) → spend-realtime and the lake. The stream is dirty (out of order,
 * duplicates, poison) but has no late events: with those, the exact per-minute answer of the speed layer is the
 * generator's truth.
 */
class RealTimePathTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path work;

    static AdEventGenerator generator;
    static Map<String, Campaign> campaigns;
    static List<AdEvent> truth;
    static EventsGateway gateway;

    @BeforeAll
    static void runTheRealTimePath() throws Exception {
        Topics.create(KAFKA.bootstrapServers(), 3);
        generator = new AdEventGenerator(AdConfig.dirty(2026, 3_000).withDirt(0.10, 0.0, 0.05, 0.01));
        campaigns = generator.campaignsById();
        truth = generator.uniqueEvents().toList();
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), Topics.CAMPAIGNS, generator.campaigns());
        long clock = generator.config().startMs() + 86_400_000L;
        gateway = EventsGateway.start(EventsGateway.Config.defaults(KAFKA.bootstrapServers()).withClock(() -> clock),
                campaigns.keySet(), Metrics.newRegistry());
        Streams.deliverAll(new GatewayClient(gateway.uri(), 50, 100), generator.records().toList(), 250);
        PlatformJob.build(FlinkOptions.defaults(KAFKA.bootstrapServers(), work.resolve("lake").toString()).asBounded(),
                PlatformJob.noRestarts()).execute("p10-platform-test");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static Map<String, Oracle.Cell> spendRealtime() {
        Map<String, Oracle.Cell> out = new TreeMap<>();
        Topic.table(KAFKA.bootstrapServers(), Topics.SPEND_REALTIME).values().forEach(v -> out.put(
                v.get("campaign_id").asText() + "|" + v.get("minute_start").asLong(),
                new Oracle.Cell(v.get("impressions").asLong(), v.get("clicks").asLong(), v.get("spend_micros").asLong())));
        return out;
    }

    @Test
    @Checklist(id = "E5", points = 3)
    @DisplayName("speed layer: deduplication drops exactly the generator's duplicate deliveries: impressions and clicks counted over all minutes equal the unique events")
    void dedupDropsExactlyTheDuplicates() {
        Map<String, Oracle.Cell> found = spendRealtime();
        long impressions = found.values().stream().mapToLong(Oracle.Cell::impressions).sum();
        long clicks = found.values().stream().mapToLong(Oracle.Cell::clicks).sum();
        long expectedImpressions = truth.stream().filter(e -> e.type().name().equals("IMPRESSION")).count();
        long duplicates = generator.summarize().duplicates();
        assertThat(duplicates).as("the stream carries duplicate deliveries").isPositive();
        assertThat(impressions + clicks).as("events counted by the speed layer (the stream had %d duplicate"
                + " deliveries; more = dedup missing, fewer = dedup too eager or windows dropping events: see"
                + " SpeedLayer.dedupQuery)", duplicates).isEqualTo(truth.size());
        assertThat(impressions).as("impressions counted").isEqualTo(expectedImpressions);
        assertThat(clicks).as("clicks counted").isEqualTo(truth.size() - expectedImpressions);
    }

    @Test
    @Checklist(id = "E6", points = 3)
    @DisplayName("speed layer: spend-realtime holds, per campaign and minute, the impressions, clicks and spend (CPC clicks × bid, CPM impressions × bid / 1000) of the oracle")
    void perMinuteSpendEqualsTheOracle() {
        Map<String, Oracle.Cell> expected = Oracle.perMinute(truth, campaigns);
        Map<String, Oracle.Cell> found = spendRealtime();
        List<String> wrong = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!v.equals(found.get(k)) && wrong.size() < 5) {
                wrong.add(k + " expected " + v + " found " + found.get(k));
            }
        });
        assertThat(wrong).as("campaign|minute cells that differ from the oracle (first 5)").isEmpty();
        assertThat(found.keySet()).as("campaign|minute keys on spend-realtime").isEqualTo(expected.keySet());
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("speed layer: spend-realtime-total holds each campaign's running spend of the day, equal to the oracle")
    void runningTotalEqualsTheOracle() {
        Map<String, Long> found = new TreeMap<>();
        Topic.table(KAFKA.bootstrapServers(), Topics.SPEND_REALTIME_TOTAL).values().forEach(v -> found.put(
                v.get("campaign_id").asText() + "|" + v.get("day").asText(), v.get("spend_micros").asLong()));
        assertThat(found).as("campaign|day -> running spend (micros)").isEqualTo(Oracle.perDay(truth, campaigns));
    }

    @Test
    @Checklist(id = "E8", points = 3)
    @DisplayName("lake: every record of ad-events is in the lake exactly once (by partition and offset), in the date=/hour= directory of its event time")
    void lakeHoldsEveryEventExactlyOncePartitioned() throws IOException {
        List<ConsumerRecord<byte[], byte[]>> onTopic = KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        Map<String, Long> expected = new TreeMap<>();
        onTopic.forEach(r -> expected.put(r.partition() + "/" + r.offset(), 1L));
        DateTimeFormatter dirs = DateTimeFormatter.ofPattern("'date='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);
        Map<String, Long> found = new TreeMap<>();
        List<String> misplaced = new ArrayList<>();
        Path lake = work.resolve("lake");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(lake)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".avro")
                    && !p.getFileName().toString().startsWith(".")).toList();
        }
        assertThat(files).as("committed Avro files under %s", lake).isNotEmpty();
        for (Path f : files) {
            String dir = lake.relativize(f.getParent()).toString();
            try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new File(f.toString()),
                    new GenericDatumReader<>())) {
                for (GenericRecord r : reader) {
                    found.merge(r.get("kafka_partition") + "/" + r.get("kafka_offset"), 1L, Long::sum);
                    String want = dirs.format(Instant.ofEpochMilli((Long) r.get("event_time")));
                    if (!want.equals(dir) && misplaced.size() < 5) {
                        misplaced.add(r.get("event_id") + " in " + dir + ", expected " + want);
                    }
                }
            }
        }
        assertThat(misplaced).as("records in the wrong date/hour directory (first 5)").isEmpty();
        assertThat(found.values().stream().mapToLong(Long::longValue).sum())
                .as("records in the lake (ad-events holds %d)", onTopic.size()).isEqualTo(onTopic.size());
        assertThat(found).as("partition/offset -> copies in the lake").isEqualTo(expected);
    }
}
