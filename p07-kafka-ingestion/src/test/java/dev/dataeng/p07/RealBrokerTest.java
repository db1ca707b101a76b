package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p07.consume.ConsumerSettings;
import dev.dataeng.p07.consume.IngestionStats;
import dev.dataeng.p07.registry.EmbeddedSchemaRegistry;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.topics.TopicDesign;
import dev.dataeng.p07.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The opt-in real-broker path: the same producer, registry and consumer against Apache Kafka's own Docker image.
 * Skipped where there is no Docker engine (as on the machines this chapter was built on); never graded.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealBrokerTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

    @Test
    @DisplayName("on a Kafka broker in Docker, a dirty stream reconciles exactly as on the in-JVM broker")
    void sameJobOnARealBroker(@TempDir Path dir) {
        String bootstrap = KAFKA.getBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicDesign.ensure(admin, TopicDesign.chapterTopics(3, 1));
        }
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, Topics.SCHEMAS, 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            AdEventGenerator gen = Pipeline.dirty(GradingSeed.of(2026), 1000);
            Pipeline.produce(bootstrap, client, Topics.AD_EVENTS, gen);
            String url = H2.fileUrl(dir, "ads");
            Pipeline.Running consumer = Pipeline.start(ConsumerSettings.of(bootstrap, "real", Topics.AD_EVENTS,
                    Topics.DEAD_LETTERS, url, dir.resolve("bronze")), client, Pipeline.rules(gen));
            Pipeline.awaitTotal(List.of(consumer), "records consumed", gen.summarize().records(),
                    IngestionStats.Counts::consumed);
            IngestionStats.Counts counts = consumer.stop();
            assertThat(counts.persisted()).as(counts.toString()).isEqualTo(gen.summarize().uniqueEvents());
            assertThat(counts.reconciles()).as(counts.toString()).isTrue();
        }
    }
}
