package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p07.consume.ConsumerSettings;
import dev.dataeng.p07.consume.IngestionStats;
import dev.dataeng.p07.lag.LagReport;
import dev.dataeng.p07.lag.PartitionLag;
import dev.dataeng.p07.registry.EmbeddedSchemaRegistry;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.topics.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GroupsTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    static EmbeddedSchemaRegistry registry;
    static SchemaRegistryClient client;
    static AdEventGenerator gen;
    static long records;

    @BeforeAll
    static void produce() {
        Pipeline.chapterTopics(KAFKA.cluster(), 6);
        KAFKA.cluster().createTopic("three-partitions", 3);
        KAFKA.cluster().createTopic("four-partitions", 4);
        registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), Topics.SCHEMAS, 0);
        client = new SchemaRegistryClient(registry.url());
        gen = Pipeline.clean(GradingSeed.of(5), 2000);
        records = gen.summarize().records();
        for (String topic : List.of(Topics.AD_EVENTS, "three-partitions", "four-partitions")) {
            Pipeline.produce(KAFKA.bootstrapServers(), client, topic, gen);
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static Set<Integer> union(List<Pipeline.Running> members) {
        Set<Integer> all = new HashSet<>();
        members.forEach(m -> all.addAll(m.consumer().assignedPartitions()));
        return all;
    }

    @Test
    @Checklist(id = "E16", points = 2)
    @DisplayName("a group scales from 1 to 3 members: 6 partitions are redistributed 2-2-2 and every event is loaded once; on 3 partitions a 4th member gets nothing (partitions cap parallelism)")
    void groupScalesAndPartitionsCapIt(@TempDir Path dir) {
        String url = H2.fileUrl(dir, "ads");
        ConsumerSettings settings = ConsumerSettings.of(KAFKA.bootstrapServers(), "scale", Topics.AD_EVENTS,
                Topics.DEAD_LETTERS, url, dir.resolve("bronze")).withFlush(200, 200).withMaxPollRecords(50);
        List<Pipeline.Running> members = new ArrayList<>();
        members.add(Pipeline.start(settings, client, Pipeline.rules(gen)));
        Pipeline.untilAssigned(members, "the first member to own all 6 partitions",
                () -> members.get(0).consumer().assignedPartitions().size() == 6);
        members.add(Pipeline.start(settings, client, Pipeline.rules(gen)));
        members.add(Pipeline.start(settings, client, Pipeline.rules(gen)));
        Pipeline.untilAssigned(members, "3 members owning 2 partitions each, 6 in all", () -> union(members).size() == 6
                && members.stream().allMatch(m -> m.consumer().assignedPartitions().size() == 2));
        Pipeline.awaitTotal(members, "records consumed by the group", records, IngestionStats.Counts::consumed);
        IngestionStats.Counts total = IngestionStats.Counts.zero();
        for (Pipeline.Running m : members) {
            total = total.plus(m.stop());
        }
        assertThat(H2.scalar(url, "SELECT COUNT(*) FROM ad_events")).as("rows loaded by the group of 3 (" + total
                + ")").isEqualTo(gen.summarize().uniqueEvents());
        assertThat(total.reconciles()).as("group counts reconcile: " + total).isTrue();

        ConsumerSettings capped = ConsumerSettings.of(KAFKA.bootstrapServers(), "capped", "three-partitions",
                Topics.DEAD_LETTERS, H2.fileUrl(dir, "capped"), dir.resolve("bronze-capped")).withFlush(200, 200);
        List<Pipeline.Running> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(Pipeline.start(capped, client, Pipeline.rules(gen)));
        }
        Pipeline.untilAssigned(four, "the 3 partitions to be owned by 3 of the 4 members", () -> union(four).size() == 3
                && four.stream().filter(m -> m.consumer().assignedPartitions().size() == 1).count() == 3);
        assertThat(four.stream().filter(m -> m.consumer().assignedPartitions().isEmpty()).count())
                .as("members with no partition in a group of 4 on 3 partitions").isEqualTo(1);
        for (Pipeline.Running m : four) {
            m.stop();
        }
    }

    @Test
    @Checklist(id = "E17", points = 2)
    @DisplayName("the rebalance listener commits on revocation: records a member buffered are written and committed before its partitions move, so the new member re-reads none")
    void rebalanceListenerCommitsOnRevocation(@TempDir Path dir) {
        String url = H2.fileUrl(dir, "ads");
        // Flushes only on a rebalance or a stop: the buffer holds everything until then.
        ConsumerSettings settings = ConsumerSettings.of(KAFKA.bootstrapServers(), "revoke", "four-partitions",
                Topics.DEAD_LETTERS, url, dir.resolve("bronze")).withFlush(1_000_000, 600_000);
        Pipeline.Running a = Pipeline.start(settings, client, Pipeline.rules(gen));
        Pipeline.awaitTotal(List.of(a), "records polled by the first member", records, IngestionStats.Counts::polled);
        assertThat(a.counts().consumed()).as("records the first member committed before anyone joined").isZero();

        Pipeline.Running b = Pipeline.start(settings, client, Pipeline.rules(gen));
        Pipeline.untilAssigned(List.of(a, b), "both members owning 2 partitions each",
                () -> a.consumer().assignedPartitions().size() == 2 && b.consumer().assignedPartitions().size() == 2);
        try (Admin admin = KAFKA.cluster().admin()) {
            List<PartitionLag> lag = LagReport.of(admin, "revoke", "four-partitions");
            assertThat(lag).as("lag of the group once the second member owns its partitions: the first member"
                    + " committed what it had on revocation").allSatisfy(l -> assertThat(l.lag()).isZero());
        }
        IngestionStats.Counts ca = a.stop();
        IngestionStats.Counts cb = b.stop();
        assertThat(cb.polled()).as("records the new member re-read (" + cb + ")").isZero();
        assertThat(ca.duplicates() + cb.duplicates()).as("duplicates over the two members").isZero();
        assertThat(ca.consumed() + cb.consumed()).as("records consumed over the two members").isEqualTo(records);
        assertThat(H2.scalar(url, "SELECT COUNT(*) FROM ad_events")).as("rows loaded").isEqualTo(records);
    }
}
