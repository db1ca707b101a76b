package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.PoisonKind;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p10.gateway.BatchEncoder;
import dev.dataeng.p10.gateway.EventsGateway;
import dev.dataeng.p10.gateway.GatewayClient;
import dev.dataeng.p10.metrics.Metrics;
import dev.dataeng.p10.platform.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The events gateway on a real (in-JVM) Kafka broker, driven over HTTP by the generator's records. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static AdEventGenerator generator;
    static List<AdRecord> records;
    static EventsGateway gateway;
    static List<GatewayClient.Delivery> answers;

    @BeforeAll
    static void deliverADirtyStream() throws Exception {
        Topics.create(KAFKA.bootstrapServers(), 3);
        generator = new AdEventGenerator(AdConfig.dirty(GradingSeed.of(1010), 2_000).withDirt(0.10, 0.01, 0.03, 0.03));
        records = generator.records().toList();
        long streamEnd = generator.config().startMs() + 86_400_000L;
        gateway = EventsGateway.start(EventsGateway.Config.defaults(KAFKA.bootstrapServers())
                .withLimits(64 * 1024, 10_000, Duration.ofSeconds(5)).withClock(() -> streamEnd),
                generator.campaignsById().keySet(), Metrics.newRegistry());
        answers = Streams.deliverAll(new GatewayClient(gateway.uri(), 50, 100), records, 150);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Map<String, Long> poisonByReason() {
        Map<String, Long> expected = new TreeMap<>();
        for (AdRecord r : records) {
            if (r instanceof AdRecord.Poison p) {
                String reason = switch (p.kind()) {
                    case UNDECODABLE -> "not_an_event";
                    case UNKNOWN_CAMPAIGN -> "unknown_campaign";
                    case FUTURE_EVENT_TIME -> "future_event_time";
                };
                expected.merge(reason, 1L, Long::sum);
            }
        }
        return expected;
    }

    @Test
    @Order(1)
    @Checklist(id = "E1", points = 2)
    @DisplayName("gateway: 202 with per-event verdicts for valid batches (each poison record refused with its reason), 400 for a body that is no JSON array, 413 for an oversized body")
    void statusCodesAndVerdicts() throws Exception {
        assertThat(answers).as("every batch of the generator is well-formed JSON: each must be answered 202")
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
        Map<String, Long> refused = new TreeMap<>();
        for (GatewayClient.Delivery a : answers) {
            for (JsonNode err : a.body().get("errors")) {
                refused.merge(err.get("reason").asText(), 1L, Long::sum);
            }
        }
        assertThat(refused).as("refused events by reason (expected = the generator's poison records by kind; see"
                + " EventValidator)").isEqualTo(poisonByReason());
        long events = records.stream().filter(r -> r instanceof AdRecord.Event).count();
        assertThat(answers.stream().mapToLong(GatewayClient.Delivery::accepted).sum())
                .as("accepted = every event the generator delivered (duplicates too: the gateway does not dedup)")
                .isEqualTo(events);

        GatewayClient client = new GatewayClient(gateway.uri(), 50, 1);
        assertThat(client.postOnce("{\"event_id\": ".getBytes(StandardCharsets.UTF_8)).statusCode())
                .as("a truncated JSON body").isEqualTo(400);
        assertThat(client.postOnce("{\"event_id\":\"imp-1\"}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .as("a JSON object instead of an array of events").isEqualTo(400);
        byte[] big = BatchEncoder.batch(records.subList(0, 600));
        assertThat(big.length).isGreaterThan(64 * 1024);
        assertThat(client.postOnce(big).statusCode()).as("a %d-byte body with a 64 KiB limit", big.length)
                .isEqualTo(413);
    }

    @Test
    @Order(2)
    @Checklist(id = "E2", points = 2)
    @DisplayName("gateway: every accepted event is on ad-events exactly as often as it was sent, every refused one on ad-events-rejected with its reason: sent = accepted + rejected")
    void acceptedEventsAreOnKafkaAndRejectedOnesDeadLettered() {
        Map<String, Long> expected = new HashMap<>();
        for (AdRecord r : records) {
            if (r instanceof AdRecord.Event e) {
                expected.merge(e.event().eventId(), 1L, Long::sum);
            }
        }
        long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
        List<ConsumerRecord<byte[], byte[]>> onTopic = KafkaTopics.readAtLeast(KAFKA.bootstrapServers(),
                Topics.AD_EVENTS, (int) expectedTotal, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        Map<String, Long> found = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : onTopic) {
            found.merge(json(r.value()).get("event_id").asText(), 1L, Long::sum);
        }
        assertThat(onTopic).as("records on ad-events (one per accepted event, duplicates included)")
                .hasSize((int) expectedTotal);
        assertThat(found).as("event id -> copies on ad-events").isEqualTo(expected);

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readAll(KAFKA.bootstrapServers(),
                Topics.AD_EVENTS_REJECTED, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        Map<String, Long> reasons = dead.stream().collect(Collectors.groupingBy(
                r -> new String(r.headers().lastHeader("reason").value(), StandardCharsets.UTF_8), TreeMap::new,
                Collectors.counting()));
        assertThat(reasons).as("ad-events-rejected by its 'reason' header").isEqualTo(poisonByReason());
        assertThat(onTopic.size() + dead.size()).as("sent = accepted + rejected").isEqualTo(records.size());
    }

    @Test
    @Order(3)
    @Checklist(id = "E3", points = 3)
    @DisplayName("gateway: while Kafka refuses every write (a 64-byte max.message.bytes) it answers 503/429, never 202; when Kafka is slow (a broker quota) it answers 429/503 with Retry-After, clients retry, and no event answered 202 is missing from ad-events")
    void nothingAcceptedIsLostWhenKafkaIsSlow() throws Exception {
        AdEventGenerator clean = new AdEventGenerator(AdConfig.clean(GradingSeed.of(77), 1_500));
        // The generator numbers its ids (imp-N, clk-N) whatever the seed: without a prefix these events would already
        // be on ad-events from the set-up's stream, and "every event answered 202 is on ad-events" could not fail.
        List<AdRecord> stream = clean.records().map(r -> {
            AdRecord.Event e = (AdRecord.Event) r;
            AdEvent x = e.event();
            return (AdRecord) new AdRecord.Event(e.sequence(), e.arrivalTimeMs(), new AdEvent("e3-" + x.eventId(),
                    x.type(), x.campaignId(), x.userId(), x.impressionId(), x.eventTimeMs()), e.arrival());
        }).toList();
        long end = clean.config().startMs() + 86_400_000L;
        try (EventsGateway tight = EventsGateway.start(EventsGateway.Config.defaults(KAFKA.bootstrapServers())
                        .withLimits(1 << 20, 120, Duration.ofMillis(400)).withClock(() -> end),
                clean.campaignsById().keySet(), Metrics.newRegistry());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            // 1. Kafka refuses every write: ad-events now takes no record batch larger than 64 bytes. An honest
            //    gateway sees the sends fail (or not acknowledged in time) and answers 503. A gateway that answers
            //    202 before Kafka acknowledged promises events that Kafka never stores.
            //    (min.insync.replicas cannot do this on one broker: since Kafka 3.7 the effective minimum is capped
            //    at the replica count.)
            ConfigResource adEvents = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AD_EVENTS);
            admin.incrementalAlterConfigs(Map.of(adEvents, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "64"), AlterConfigOp.OpType.SET)))).all().get();
            Map<String, Integer> unstoredAnswers = new TreeMap<>();
            List<String> promisedIds = new ArrayList<>();
            try {
                KafkaWait.until(Duration.ofSeconds(30), "ad-events to refuse a 200-byte record", () ->
                        refusesWrites(KAFKA.bootstrapServers()));
                List<List<AdRecord>> probe = Streams.batches(stream.subList(0, 60), 20);
                GatewayClient once = new GatewayClient(tight.uri(), 20, 1);
                for (int i = 0; i < probe.size(); i++) {
                    HttpResponse<String> answer = once.postOnce(BatchEncoder.batch(probe.get(i)));
                    unstoredAnswers.put("batch " + i, answer.statusCode());
                    if (answer.statusCode() == 202) {
                        probe.get(i).forEach(r -> promisedIds.add(((AdRecord.Event) r).event().eventId()));
                    } else {
                        assertThat(answer.headers().firstValue("Retry-After"))
                                .as("Retry-After of a %d answer", answer.statusCode()).isPresent();
                    }
                }
                Set<String> stored = new java.util.HashSet<>();
                KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS, IsolationLevel.READ_UNCOMMITTED,
                        Duration.ofSeconds(10)).forEach(r -> stored.add(json(r.value()).get("event_id").asText()));
                List<String> notStored = promisedIds.stream().filter(id -> !stored.contains(id)).limit(5).toList();
                assertThat(notStored).as("events answered 202 while Kafka could not acknowledge them "
                        + "(ad-events refused every write), yet not on ad-events: answer 202 only after every "
                        + "send's future completed (walkthrough step 2)").isEmpty();
                assertThat(unstoredAnswers).as("answers while Kafka refuses every write: 503 or 429, never 202")
                        .allSatisfy((batch, status) -> assertThat(status).isIn(429, 503));
            } finally {
                admin.incrementalAlterConfigs(Map.of(adEvents, List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", null), AlterConfigOp.OpType.DELETE)))).all().get();
            }
            // 2. Kafka is slow (a quota): push back, clients retry, nothing answered 202 is lost.
            ClientQuotaEntity gatewayClient = new ClientQuotaEntity(
                    Map.of(ClientQuotaEntity.CLIENT_ID, EventsGateway.CLIENT_ID));
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(gatewayClient,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", 4_000.0))))).all().get();
            GatewayClient client = new GatewayClient(tight.uri(), 20, 10_000);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<GatewayClient.Delivery>> sent = new ArrayList<>();
            for (List<AdRecord> b : Streams.batches(stream, 50)) {
                sent.add(pool.submit(() -> client.deliver(BatchEncoder.batch(b))));
            }
            KafkaWait.until(Duration.ofSeconds(60), "the gateway to push back (429/503) under the quota",
                    () -> client.backpressured() >= 3);
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(gatewayClient,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", null))))).all().get();
            long accepted = 0;
            for (Future<GatewayClient.Delivery> f : sent) {
                GatewayClient.Delivery d = f.get();
                assertThat(d.status()).as("final answer after retries").isEqualTo(202);
                accepted += d.accepted();
            }
            pool.shutdown();
            assertThat(accepted).as("events finally accepted").isEqualTo(stream.size());
        }
        Set<String> ids = new java.util.HashSet<>();
        KafkaWait.until(Duration.ofSeconds(30), "every clean event on ad-events", () -> {
            ids.clear();
            KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS, IsolationLevel.READ_COMMITTED,
                    Duration.ofSeconds(10)).forEach(r -> ids.add(json(r.value()).get("event_id").asText()));
            return ids.containsAll(stream.stream().map(r -> ((AdRecord.Event) r).event().eventId()).toList());
        });
        List<String> missing = stream.stream().map(r -> ((AdRecord.Event) r).event().eventId())
                .filter(id -> !ids.contains(id)).limit(5).toList();
        assertThat(missing).as("accepted (202) events missing from ad-events").isEmpty();
    }

    @Test
    @Order(4)
    @Checklist(id = "E4", points = 2)
    @DisplayName("metrics: the gateway's /metrics page exposes accepted and rejected-by-reason counters equal to what it answered")
    void metricsEndpointMatchesTheCounts() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                gateway.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        long accepted = answers.stream().mapToLong(GatewayClient.Delivery::accepted).sum();
        assertThat(sample(page.body(), "p10_gateway_events_accepted_total", null))
                .as("p10_gateway_events_accepted_total").isEqualTo(accepted);
        poisonByReason().forEach((reason, n) -> assertThat(
                sample(page.body(), "p10_gateway_events_rejected_total", "reason=\"" + reason + "\""))
                .as("p10_gateway_events_rejected_total{reason=%s}", reason).isEqualTo(n));
        assertThat(page.body()).as("Kafka ack latency series").contains("p10_gateway_kafka_ack_seconds");
    }

    /** Whether ad-events refuses a record of about 200 bytes now (a probe that lands is an event id no test expects). */
    static boolean refusesWrites(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<byte[], byte[]> probe = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] value = ("{\"event_id\":\"probe-" + System.nanoTime() + "\",\"padding\":\"" + "x".repeat(160) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            probe.send(new ProducerRecord<>(Topics.AD_EVENTS, value)).get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** The value of one Prometheus sample line, or -1 when the series is missing. */
    static long sample(String page, String name, String label) {
        for (String line : page.split("\n")) {
            if (line.startsWith(name) && (label == null || line.contains(label)) && !line.startsWith("#")) {
                String[] parts = line.trim().split(" ");
                return (long) Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return -1;
    }

    static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
