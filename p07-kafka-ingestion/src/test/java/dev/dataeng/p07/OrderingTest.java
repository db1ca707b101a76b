package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p07.consume.CampaignFeed;
import dev.dataeng.p07.produce.CampaignChangeProducer;
import dev.dataeng.p07.produce.ProducerSettings;
import dev.dataeng.p07.produce.SendStats;
import dev.dataeng.p07.sink.CampaignTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OrderingTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    @Checklist(id = "E4", points = 3)
    @DisplayName("campaign changes keyed by campaign keep their order: all versions of a campaign in one partition in version order, and the table ends with each campaign's last version; without the key they scatter over partitions")
    void keyedChangesKeepTheirOrder(@TempDir Path dir) {
        // 50 campaigns x 31 versions, ~350 KB: several producer batches, so an unkeyed producer would spread them.
        AdEventGenerator gen = new AdEventGenerator(AdConfig.clean(GradingSeed.of(3), 10).withCampaigns(50));
        List<Campaign> history = gen.campaignHistory(30);
        Map<String, Campaign> last = new TreeMap<>();
        history.forEach(c -> last.put(c.campaignId(), c)); // ordered by write time: the last one wins

        String keyed = "campaigns-keyed";
        KAFKA.cluster().createTopic(keyed, 6, (short) 1, Map.of("cleanup.policy", "compact"));
        KAFKA.cluster().createTopic("campaigns-unkeyed", 6, (short) 1, Map.of("cleanup.policy", "compact"));
        SendStats sent = CampaignChangeProducer.publish(KAFKA.bootstrapServers(), ProducerSettings.reliable(), keyed,
                history, Map.of());
        assertThat(sent.acknowledged()).as("campaign versions acknowledged by the compacted topic " + keyed + " ("
                + sent + "; a compacted topic refuses records without a key)").isEqualTo(history.size());
        Map<String, Set<Integer>> partitionsOf = new HashMap<>();
        Map<String, Integer> lastVersionSeen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(KAFKA.bootstrapServers(), keyed,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(60))) {
            Campaign c = AdJson.readCampaign(r.value()); // readAll returns each partition in offset order
            partitionsOf.computeIfAbsent(c.campaignId(), k -> new TreeSet<>()).add(r.partition());
            Integer before = lastVersionSeen.put(c.campaignId(), c.version());
            assertThat(before == null || before < c.version()).as("in its partition, version " + c.version() + " of "
                    + c.campaignId() + " comes after version " + before).isTrue();
        }
        assertThat(partitionsOf).as("partitions holding each campaign's versions (one each: the key picks it)")
                .allSatisfy((id, ps) -> assertThat(ps).as(id).hasSize(1));

        String url = H2.fileUrl(dir, "campaigns");
        new CampaignTable(url).applyInOrder(CampaignFeed.readToEnd(KAFKA.bootstrapServers(), keyed));
        Map<String, Map<String, Object>> rows = H2.rows(url, "SELECT * FROM campaigns").stream()
                .collect(Collectors.toMap(r -> (String) r.get("CAMPAIGN_ID"), Function.identity()));
        assertThat(rows.keySet()).as("campaigns in the table").isEqualTo(last.keySet());
        last.forEach((id, c) -> {
            assertThat(((Number) rows.get(id).get("VERSION")).intValue()).as("version of " + id + " in the table"
                    + " (the last write must win)").isEqualTo(c.version());
            assertThat(((Number) rows.get(id).get("DAILY_BUDGET_MICROS")).longValue()).as("budget of " + id)
                    .isEqualTo(c.dailyBudgetMicros());
            assertThat(rows.get(id).get("STATUS")).as("status of " + id).isEqualTo(c.status().name());
        });

        // The contrast: the same changes spread by a partitioner that ignores keys (what a null key does once
        // batches fill up): a campaign's versions land in several partitions, and no consumer can order them.
        CampaignChangeProducer.publish(KAFKA.bootstrapServers(), ProducerSettings.reliable(), "campaigns-unkeyed",
                history, Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class.getName()));
        Map<String, Set<Integer>> scattered = new HashMap<>();
        KafkaTopics.readAll(KAFKA.bootstrapServers(), "campaigns-unkeyed", IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(60)).forEach(r -> scattered.computeIfAbsent(
                        AdJson.readCampaign(r.value()).campaignId(), k -> new TreeSet<>()).add(r.partition()));
        assertThat(scattered.values().stream().filter(ps -> ps.size() > 1).count())
                .as("campaigns whose versions are spread over several partitions without the key").isPositive();
    }
}
