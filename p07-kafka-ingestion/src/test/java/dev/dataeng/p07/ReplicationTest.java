package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p07.produce.AdEventProducer;
import dev.dataeng.p07.produce.ProducerSettings;
import dev.dataeng.p07.produce.SendStats;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.topics.TopicDesign;
import dev.dataeng.p07.topics.TopicInfo;
import dev.dataeng.p07.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three brokers (and one controller), a topic with replication factor 3 and {@code min.insync.replicas=2}: what the
 * reliable producer does when brokers die. The records here are plain bytes {@code key:sequence} (no schema
 * involved: the registry client is never called).
 */
class ReplicationTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.brokers(3);

    static final String TOPIC = "replicated";
    static final String TOPIC_TWO_DOWN = "replicated-two-down";
    static final int KEYS = 12;
    static final SchemaRegistryClient NO_REGISTRY = new SchemaRegistryClient("http://127.0.0.1:9");

    @BeforeAll
    static void topic() {
        try (Admin admin = KAFKA.cluster().admin()) {
            for (String t : List.of(TOPIC, TOPIC_TWO_DOWN)) {
                KAFKA.cluster().createTopic(t, 3, (short) 3, TopicSpec.eventStream(t, 3, 3, -1).configs());
            }
            KafkaWait.until(Duration.ofSeconds(30), "3 in-sync replicas", () -> fullyReplicated(admin));
        }
    }

    @AfterEach
    void allBrokersBack() {
        try (Admin admin = KAFKA.cluster().admin()) {
            for (int id : KAFKA.cluster().brokerIds()) {
                if (!isr(admin).contains(id)) {
                    try {
                        KAFKA.cluster().startBroker(id);
                    } catch (RuntimeException alreadyRunning) {
                        // started again by the test
                    }
                }
            }
            KafkaWait.until(Duration.ofSeconds(60), "every partition back to 3 in-sync replicas",
                    () -> fullyReplicated(admin));
        }
    }

    static boolean fullyReplicated(Admin admin) {
        return List.of(TOPIC, TOPIC_TWO_DOWN).stream().allMatch(t -> TopicDesign.describe(admin, t).partitions()
                .stream().allMatch(p -> p.isr().size() == 3));
    }

    static Set<Integer> isr(Admin admin) {
        Set<Integer> out = new HashSet<>();
        TopicDesign.describe(admin, TOPIC).partitions().forEach(p -> out.addAll(p.isr()));
        return out;
    }

    /** Sends {@code key-k:n} records round the keys with a growing sequence per key. */
    static final class Sender {
        final AdEventProducer producer;
        final Map<Integer, Integer> next = new HashMap<>();
        final List<String> sent = new ArrayList<>();
        int i;

        final String topic;

        Sender(ProducerSettings settings, String topic) {
            this.topic = topic;
            producer = new AdEventProducer(KAFKA.bootstrapServers(), settings, NO_REGISTRY, topic);
        }

        synchronized void sendOne() {
            int key = i++ % KEYS;
            int seq = next.merge(key, 1, Integer::sum) - 1;
            String value = "key-" + key + ":" + seq;
            sent.add(value);
            producer.send(new ProducerRecord<>(topic, ("key-" + key).getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static List<ConsumerRecord<byte[], byte[]>> readTopic(String topic) {
        return KafkaTopics.readAll(KAFKA.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(60));
    }

    @Test
    @Checklist(id = "E9", points = 3)
    @DisplayName("RF 3, min ISR 2: a leader broker stopped mid-stream, the acks=all idempotent producer goes on; the leader moves, no acknowledged record is lost or duplicated, and each key's records stay in order")
    void oneBrokerDownLosesNothing() throws Exception {
        Sender sender = new Sender(ProducerSettings.reliable(), TOPIC);
        AtomicBoolean stop = new AtomicBoolean();
        Thread producing = new Thread(() -> {
            while (!stop.get()) {
                sender.sendOne();
                if (sender.i % 25 == 0) {
                    sender.producer.flush();
                }
            }
            sender.producer.flush();
        }, "producing");
        int stoppedLeader;
        try (Admin admin = KAFKA.cluster().admin()) {
            producing.start();
            KafkaWait.until(Pipeline.BOUND, "300 acknowledged records", () -> sender.producer.stats().acknowledged() >= 300);
            stoppedLeader = TopicDesign.describe(admin, TOPIC).partitions().get(0).leader();
            KAFKA.cluster().stopBroker(stoppedLeader);
            long atStop = sender.producer.stats().acknowledged();
            KafkaWait.until(Pipeline.BOUND, "600 more acknowledged records with broker " + stoppedLeader + " down",
                    () -> sender.producer.stats().acknowledged() >= atStop + 600);
            stop.set(true);
            producing.join(Pipeline.BOUND.toMillis());
            TopicInfo after = TopicDesign.describe(admin, TOPIC);
            assertThat(after.partitions().get(0).leader()).as("leader of partition 0 after its broker "
                    + stoppedLeader + " stopped").isNotEqualTo(stoppedLeader).isNotNegative();
            assertThat(after.partitions()).as("in-sync replicas with broker " + stoppedLeader + " down")
                    .allSatisfy(p -> assertThat(p.isr()).doesNotContain(stoppedLeader).hasSize(2));
        }
        sender.producer.close();
        SendStats stats = sender.producer.stats();
        assertThat(stats.failed()).as("failed sends with one broker of three down (" + stats + ")").isZero();
        assertThat(stats.acknowledged()).as("acknowledged records").isEqualTo(sender.sent.size());

        List<ConsumerRecord<byte[], byte[]>> onTopic = readTopic(TOPIC);
        List<String> values = onTopic.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(values).as("records on the topic: every acknowledged one, once").hasSize(sender.sent.size())
                .containsExactlyInAnyOrderElementsOf(sender.sent);
        Map<String, Integer> expectedNext = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : onTopic) { // partition by partition, in offset order
            String[] kv = new String(r.value(), StandardCharsets.UTF_8).split(":");
            int seq = Integer.parseInt(kv[1]);
            int want = expectedNext.getOrDefault(kv[0], 0);
            assertThat(seq).as("sequence of " + kv[0] + " at partition " + r.partition() + " offset " + r.offset()
                    + " (order per key through retries: idempotence, max.in.flight <= 5)").isEqualTo(want);
            expectedNext.put(kv[0], want + 1);
        }
    }

    @Test
    @Checklist(id = "E10", points = 2)
    @DisplayName("two of three brokers down: acks=all writes fail (NotEnoughReplicasException without retries, TimeoutException once the reliable producer's retries run out); callbacks count each failure by error and keep the record; after the brokers return the retry writes them all")
    void twoBrokersDownIsSurfacedAndRetried() {
        Sender sender = new Sender(ProducerSettings.reliable().withTimeouts(5_000, 2_000), TOPIC_TWO_DOWN);
        for (int n = 0; n < 60; n++) {
            sender.sendOne();
        }
        sender.producer.flush();
        assertThat(sender.producer.stats().acknowledged()).as("acknowledged with all brokers up").isEqualTo(60);

        List<Integer> ids = new ArrayList<>(KAFKA.cluster().brokerIds());
        List<Integer> stopped = ids.subList(0, 2);
        stopped.forEach(KAFKA.cluster()::stopBroker);
        for (int n = 0; n < 90; n++) {
            sender.sendOne();
        }
        sender.producer.flush(); // returns when every record is acknowledged or has failed (delivery timeout)
        SendStats down = sender.producer.stats();
        System.out.println("with brokers " + stopped + " down: " + down);
        assertThat(down.pending()).as("records neither acknowledged nor failed after flush: " + down).isZero();
        assertThat(down.failed()).as("failed sends with 2 of 3 brokers down (min.insync.replicas=2): " + down)
                .isPositive();
        assertThat(down.failuresByError()).as("errors the reliable producer's callbacks counted: it retried"
                + " NOT_ENOUGH_REPLICAS until delivery.timeout.ms, then gave up with a TimeoutException")
                .containsOnlyKeys("TimeoutException");

        // Without retries (and so without idempotence) the first error reaches the callback: the broker's answer.
        Sender failFast = new Sender(ProducerSettings.reliable().withIdempotence(false).withRetries(0)
                .withTimeouts(5_000, 2_000), TOPIC_TWO_DOWN);
        for (int n = 0; n < 30; n++) {
            failFast.sendOne();
        }
        failFast.producer.flush();
        SendStats fast = failFast.producer.stats();
        System.out.println("fail-fast producer with brokers " + stopped + " down: " + fast);
        assertThat(fast.failuresByError()).as("errors a producer without retries counted (" + fast + ")")
                .containsKey("NotEnoughReplicasException");
        assertThat(fast.failed() + fast.acknowledged()).as("fail-fast sends accounted").isEqualTo(30);

        stopped.forEach(KAFKA.cluster()::startBroker);
        try (Admin admin = KAFKA.cluster().admin()) {
            KafkaWait.until(Pipeline.BOUND, "every partition back to 3 in-sync replicas", () -> fullyReplicated(admin));
        }
        assertThat(failFast.producer.retryFailures()).as("fail-fast records retried").isEqualTo(fast.failed());
        failFast.producer.close();
        int retried = sender.producer.retryFailures();
        assertThat(retried).as("records handed back for retry").isEqualTo(down.failed());
        SendStats after = sender.producer.stats();
        sender.producer.close();
        assertThat(after.failed()).as("failures after the retry (" + after + ")").isEqualTo(down.failed());
        Set<String> onTopic = new HashSet<>();
        readTopic(TOPIC_TWO_DOWN).forEach(r -> onTopic.add(new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(onTopic).as("records on " + TOPIC_TWO_DOWN + " after the retry: every one sent, none silently"
                + " dropped").containsAll(sender.sent).containsAll(failFast.sent);
    }
}
