package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@code acks=all} buys, as an outcome: on a 3-broker cluster, {@code ad-events} is replicated 3 times with
 * {@code min.insync.replicas=3}; with one broker down, Kafka refuses an {@code acks=all} write (NotEnoughReplicas)
 * while the partition leader alone still acknowledges an {@code acks=1} write. A gateway must then answer 503 — a
 * 202 there would promise an event that one more broker failure loses.
 */
class AcksTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.brokers(3);

    @Test
    @Checklist(id = "E28", points = 3)
    @DisplayName("gateway: with fewer in-sync replicas than min.insync.replicas (3 replicas, 1 broker down) it answers 503 with Retry-After, never 202 (an acks=1 producer would be acknowledged); once the broker is back, clients retry and every event is on ad-events")
    void noAcceptWithoutEveryInSyncReplica() throws Exception {
        KAFKA.cluster().createTopic(Topics.AD_EVENTS, 3, (short) 3, Map.of("min.insync.replicas", "3"));
        Topics.create(KAFKA.bootstrapServers(), 3); // the other topics; ad-events exists and is left as it is
        AdEventGenerator clean = new AdEventGenerator(AdConfig.clean(GradingSeed.of(28), 300));
        List<AdRecord> stream = clean.records().toList();
        List<List<AdRecord>> batches = Streams.batches(stream, 30);
        long end = clean.config().startMs() + 86_400_000L;
        int stopped = KAFKA.cluster().brokerIds().stream().max(Integer::compare).orElseThrow();
        try (EventsGateway gateway = EventsGateway.start(EventsGateway.Config.defaults(KAFKA.bootstrapServers())
                        .withLimits(1 << 20, 1_000, Duration.ofMillis(1_500)).withClock(() -> end),
                clean.campaignsById().keySet(), Metrics.newRegistry())) {
            GatewayClient once = new GatewayClient(gateway.uri(), 50, 1);
            assertThat(once.postOnce(BatchEncoder.batch(batches.get(0))).statusCode())
                    .as("precondition: with every broker up the gateway accepts a batch").isEqualTo(202);

            KAFKA.cluster().stopBroker(stopped);
            KafkaWait.until(Duration.ofSeconds(60), "ad-events to refuse acks=all writes with NotEnoughReplicas"
                    + " (broker " + stopped + " stopped)", () -> write("all") instanceof NotEnoughReplicasException);
            assertThat(write("1")).as("precondition: an acks=1 write is acknowledged by the leader alone").isNull();
            Map<String, Integer> answers = new TreeMap<>();
            for (int i = 1; i < batches.size(); i++) {
                HttpResponse<String> answer = once.postOnce(BatchEncoder.batch(batches.get(i)));
                answers.put("batch " + i, answer.statusCode());
                if (answer.statusCode() != 202) {
                    assertThat(answer.headers().firstValue("Retry-After"))
                            .as("Retry-After of a %d answer", answer.statusCode()).isPresent();
                }
            }
            assertThat(answers).as("answers while only 2 of 3 replicas are in sync (min.insync.replicas=3): Kafka"
                    + " refuses acks=all writes, so a 202 means the producer did not wait for every in-sync replica"
                    + " (acks=1 or 0?) or the gateway did not wait for the acknowledgement (walkthrough step 2)")
                    .allSatisfy((batch, status) -> assertThat(status).isIn(429, 503));

            KAFKA.cluster().startBroker(stopped);
            KafkaWait.until(Duration.ofSeconds(90), "ad-events to take acks=all writes again (broker " + stopped
                    + " back in sync)", () -> write("all") == null);
            GatewayClient retrying = new GatewayClient(gateway.uri(), 100, 100);
            for (List<AdRecord> b : batches) {
                assertThat(retrying.deliver(BatchEncoder.batch(b)).status()).as("final answer after retries")
                        .isEqualTo(202);
            }
        }
        Set<String> stored = new HashSet<>();
        KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30)).forEach(r -> {
                    if (r.key() != null) {
                        stored.add(Topic.json(r.value()).get("event_id").asText());
                    }
                });
        List<String> missing = stream.stream().map(r -> ((AdRecord.Event) r).event()).map(AdEvent::eventId)
                .filter(id -> !stored.contains(id)).limit(5).toList();
        assertThat(missing).as("events answered 202 (after the retries) missing from ad-events").isEmpty();
    }

    /** One write with the given acks and no retry: null when acknowledged, else the error. */
    private static Exception write(String acks) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.RETRIES_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<byte[], byte[]> probe = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            probe.send(new ProducerRecord<>(Topics.AD_EVENTS, ("{\"event_id\":\"probe-acks-" + acks + "\"}")
                    .getBytes(StandardCharsets.UTF_8))).get();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof Exception c ? c : e;
        } catch (Exception e) {
            return e;
        }
    }
}
