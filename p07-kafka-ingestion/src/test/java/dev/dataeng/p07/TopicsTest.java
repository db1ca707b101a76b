package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.p07.topics.TopicDesign;
import dev.dataeng.p07.topics.TopicInfo;
import dev.dataeng.p07.topics.TopicSpec;
import dev.dataeng.p07.topics.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicsTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("topics are created with the Admin API with their partitions, replication and configs (retention, min ISR, compaction), and creating them again changes nothing")
    void topicsAreCreatedIdempotentlyWithTheirConfigs() {
        List<TopicSpec> specs = TopicDesign.chapterTopics(6, 1);
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<String, TopicDesign.Outcome> first = TopicDesign.ensure(admin, specs);
            assertThat(first).as("first run: every chapter topic is created").containsOnlyKeys(
                    Topics.AD_EVENTS, Topics.DEAD_LETTERS, Topics.CAMPAIGNS, Topics.SCHEMAS)
                    .allSatisfy((t, o) -> assertThat(o).as(t).isEqualTo(TopicDesign.Outcome.CREATED));

            TopicInfo events = TopicDesign.describe(admin, Topics.AD_EVENTS);
            assertThat(events.partitions()).as("partitions of " + Topics.AD_EVENTS).hasSize(6);
            assertThat(events.replicationFactor()).as("replication factor on a 1-broker cluster").isEqualTo(1);
            assertThat(events.configs()).as("topic-level configs of " + Topics.AD_EVENTS
                    + " (set them in NewTopic.configs: retention and min.insync.replicas)")
                    .containsEntry("retention.ms", "-1").containsEntry("min.insync.replicas", "1")
                    .containsEntry("cleanup.policy", "delete");
            assertThat(TopicDesign.describe(admin, Topics.CAMPAIGNS).configs())
                    .as("the campaigns changelog must be compacted (latest version per campaign kept)")
                    .containsEntry("cleanup.policy", "compact");
            assertThat(TopicDesign.describe(admin, Topics.SCHEMAS).partitions())
                    .as("the registry's topic has one partition (one ordered log of changes)").hasSize(1);

            Map<String, TopicDesign.Outcome> second = TopicDesign.ensure(admin, specs);
            assertThat(second).as("second run: a topic that exists is an outcome, not an error")
                    .allSatisfy((t, o) -> assertThat(o).as(t).isEqualTo(TopicDesign.Outcome.EXISTS));
            assertThat(TopicDesign.describe(admin, Topics.AD_EVENTS)).as("describe after the second run")
                    .isEqualTo(events);

            TopicSpec replicated = TopicSpec.eventStream("three-replicas", 3, 3, -1);
            assertThat(replicated.configs()).as("an RF-3 stream asks for 2 in-sync replicas per acks=all write")
                    .containsEntry("min.insync.replicas", "2");
        }
    }
}
