package dev.dataeng.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaTest {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    void publishesTheGeneratorsRecordsAndReadsThemBack() {
        KAFKA.cluster().createTopic("ads", 3);
        AdEventGenerator gen = new AdEventGenerator(AdConfig.dirty(11, 2_000));
        AdPublisher.Published sent = AdPublisher.publish(KAFKA.bootstrapServers(), "ads", gen.records().iterator());
        assertThat(sent.records()).isEqualTo(gen.summarize().records());
        assertThat(KafkaTopics.readAll(KAFKA.bootstrapServers(), "ads", IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30))).hasSize((int) sent.records());
    }

    @Test
    void transactionsWorkOnOneNodeAndReadCommittedSkipsAbortedRecords() throws Exception {
        KAFKA.cluster().createTopic("tx", 1);
        Map<String, Object> props = new HashMap<>(KAFKA.cluster().clientProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "k", "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }
        assertThat(KafkaTopics.readAll(KAFKA.bootstrapServers(), "tx", IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30))).extracting(r -> new String(r.value())).containsExactly("committed");
        assertThat(KafkaTopics.readAll(KAFKA.bootstrapServers(), "tx", IsolationLevel.READ_UNCOMMITTED,
                Duration.ofSeconds(30))).hasSize(2);
    }

    @Test
    void aThreeBrokerClusterSurvivesAStoppedBroker() throws Exception {
        try (EmbeddedKafka three = EmbeddedKafka.withBrokers(3).start()) {
            three.createTopic("replicated", 2, (short) 3, Map.of("min.insync.replicas", "2"));
            assertThat(three.brokerIds()).containsExactly(0, 1, 2);
            int leader;
            try (Admin admin = three.admin()) {
                leader = admin.describeTopics(List.of("replicated")).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get("replicated").partitions().get(0).leader().id();
            }
            three.stopBroker(leader);
            Map<String, Object> props = new HashMap<>(three.clientProperties());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("replicated", 0, "k", "after the stop")).get(30, TimeUnit.SECONDS);
            }
            try (Admin admin = three.admin()) {
                KafkaWait.until(Duration.ofSeconds(30), "a new leader", () -> {
                    try {
                        return admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated")
                                .partitions().get(0).leader().id() != leader;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            three.startBroker(leader);
            assertThat(KafkaTopics.offsetSpan(three.bootstrapServers(), "replicated")).isEqualTo(1);
            assertThat(new TopicPartition("replicated", 0).partition()).isZero();
        }
    }
}
