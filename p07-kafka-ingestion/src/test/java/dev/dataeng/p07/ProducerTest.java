package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p07.avro.AdEventAvro;
import dev.dataeng.p07.produce.AdEventProducer;
import dev.dataeng.p07.produce.ProducerSettings;
import dev.dataeng.p07.produce.SendStats;
import dev.dataeng.p07.registry.EmbeddedSchemaRegistry;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.serde.AdEventDecoder;
import dev.dataeng.p07.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProducerTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    static EmbeddedSchemaRegistry registry;
    static SchemaRegistryClient client;

    @BeforeAll
    static void registry() {
        KAFKA.cluster().createTopic(Topics.SCHEMAS, 1, (short) 1, Map.of("cleanup.policy", "compact"));
        registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), Topics.SCHEMAS, 0);
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    @Checklist(id = "E2", points = 2)
    @DisplayName("the producer is idempotent with acks=all, its callbacks count every record acknowledged, and closing flushes: every event is on the topic as Avro, keyed by campaign, stamped with event time")
    void callbacksCountAndCloseFlushes() {
        ProducerSettings reliable = ProducerSettings.reliable();
        assertThat(reliable.acks()).as("acks of the reliable producer").isEqualTo("all");
        assertThat(reliable.idempotence()).as("idempotence of the reliable producer").isTrue();
        assertThat(reliable.maxInFlight()).as("max.in.flight: idempotence keeps order only up to 5").isBetween(1, 5);

        String topic = "producer-events";
        KAFKA.cluster().createTopic(topic, 3);
        AdEventGenerator gen = Pipeline.clean(GradingSeed.of(7), 1500);
        List<AdEvent> truth = gen.uniqueEvents().toList();
        SendStats stats;
        AdEventProducer producer = new AdEventProducer(KAFKA.bootstrapServers(), reliable, client, topic);
        truth.forEach(e -> producer.send(producer.toRecord(e)));
        producer.close(); // no flush() before: close must deliver what is buffered
        stats = producer.stats();
        assertThat(stats.sent()).as("records counted as sent").isEqualTo(truth.size());
        assertThat(stats.acknowledged()).as("records counted as acknowledged by the callbacks").isEqualTo(truth.size());
        assertThat(stats.failed()).as("failures counted").isZero();

        List<ConsumerRecord<byte[], byte[]>> onTopic = KafkaTopics.readAll(KAFKA.bootstrapServers(), topic,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(60));
        assertThat(onTopic).as("records on " + topic + " after close()").hasSize(truth.size());
        AdEventDecoder decoder = new AdEventDecoder(client);
        List<AdEvent> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : onTopic) {
            AdEvent e;
            try {
                e = decoder.decode(r.value());
            } catch (AdEventDecoder.UndecodableException ex) {
                throw new AssertionError("a record on the topic is not registry-framed Avro: " + ex.getMessage(), ex);
            }
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).as("key of " + e.eventId()).isEqualTo(e.campaignId());
            assertThat(r.timestamp()).as("timestamp of " + e.eventId() + " (event time)").isEqualTo(e.eventTimeMs());
            read.add(e);
        }
        assertThat(read).as("events read back").containsExactlyInAnyOrderElementsOf(truth);
    }

    @Test
    @Checklist(id = "E3", points = 2)
    @DisplayName("compression is measured, not just set: the same 5,000 Avro events take less than 80% of the bytes on the broker with the reliable producer's compression than with none")
    void compressionIsMeasured() throws Exception {
        AdEventGenerator gen = Pipeline.clean(GradingSeed.of(11), 5000);
        List<AdEvent> events = gen.uniqueEvents().toList();
        long plain = bytesOnBroker("compression-none", events, ProducerSettings.reliable().withCompression("none"));
        long compressed = bytesOnBroker("compression-chosen", events, ProducerSettings.reliable());
        double ratio = (double) compressed / plain;
        System.out.printf("compression %s: %,d bytes on the broker vs %,d uncompressed (ratio %.2f)%n",
                ProducerSettings.reliable().compression(), compressed, plain, ratio);
        assertThat(ratio).as("log bytes with compression '" + ProducerSettings.reliable().compression()
                + "' / log bytes without (" + compressed + " / " + plain + "); set compression and let linger.ms"
                + " and batch.size build batches worth compressing").isLessThan(0.8);
    }

    private long bytesOnBroker(String topic, List<AdEvent> events, ProducerSettings settings) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            KAFKA.cluster().createTopic(topic, 1);
            try (AdEventProducer producer = new AdEventProducer(KAFKA.bootstrapServers(), settings, client, topic)) {
                events.forEach(e -> producer.send(producer.toRecord(e)));
            }
            TopicPartition tp = new TopicPartition(topic, 0);
            long[] size = new long[1];
            admin.describeLogDirs(KAFKA.cluster().brokerIds()).allDescriptions().get(30, TimeUnit.SECONDS)
                    .values().forEach(dirs -> dirs.values().forEach(d -> {
                        var info = d.replicaInfos().get(tp);
                        if (info != null) {
                            size[0] += info.size();
                        }
                    }));
            assertThat(size[0]).as("size of " + topic + " on the broker").isPositive();
            return size[0];
        }
    }

    static {
        // the Avro schema must load before any producer is built
        AdEventAvro.V1.getName();
    }
}
