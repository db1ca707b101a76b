package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p07.lag.LagMetrics;
import dev.dataeng.p07.lag.LagReport;
import dev.dataeng.p07.lag.PartitionLag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LagTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    @Checklist(id = "E18", points = 2)
    @DisplayName("lag per partition = end offset - committed offset (the start offset where nothing is committed), from the Admin API, and exported as a Prometheus gauge")
    void lagPerPartitionAndAsAMetric() throws Exception {
        String topic = "lagging";
        KAFKA.cluster().createTopic(topic, 3);
        AdEventGenerator gen = Pipeline.clean(GradingSeed.of(17), 600);
        AdPublisher.publish(KAFKA.bootstrapServers(), topic, gen.records().iterator());

        Map<Integer, Long> perPartition = new TreeMap<>();
        KafkaTopics.readAll(KAFKA.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(60))
                .forEach(r -> perPartition.merge(r.partition(), 1L, Long::sum));
        Map<Integer, Long> committed = Map.of(0, perPartition.get(0) / 3, 1, perPartition.get(1));
        // Retention has removed the oldest quarter of partition 2 (its start offset is no longer 0).
        long start2 = perPartition.get(2) / 4;
        try (Admin admin = KAFKA.cluster().admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 2), RecordsToDelete.beforeOffset(start2)))
                    .all().get(30, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets("billing", Map.of(
                    new TopicPartition(topic, 0), new OffsetAndMetadata(committed.get(0)),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(committed.get(1))))
                    .all().get(30, TimeUnit.SECONDS);
            Map<Integer, Long> expected = new TreeMap<>();
            expected.put(0, perPartition.get(0) - committed.get(0));
            expected.put(1, 0L);
            expected.put(2, perPartition.get(2) - start2); // nothing committed: all that is left is unread

            List<PartitionLag> lags = LagReport.of(admin, "billing", topic);
            Map<Integer, Long> actual = new TreeMap<>();
            lags.forEach(l -> actual.put(l.partition(), l.lag()));
            System.out.print(LagReport.format("billing", lags));
            assertThat(actual).as("lag per partition of group billing (records per partition " + perPartition
                    + ", committed " + committed + ", partition 2 starts at offset " + start2
                    + " and has no commit)").isEqualTo(expected);

            LagMetrics metrics = new LagMetrics("billing", () -> LagReport.of(admin, "billing", topic));
            metrics.refresh();
            assertThat(scraped(metrics, topic)).as("kafka_consumer_group_lag_records samples in the Prometheus"
                    + " scrape:\n" + metrics.scrape()).isEqualTo(expected);

            // The group catches up on partition 0: the next refresh must move the same gauge.
            admin.alterConsumerGroupOffsets("billing", Map.of(new TopicPartition(topic, 0),
                    new OffsetAndMetadata(perPartition.get(0)))).all().get(30, TimeUnit.SECONDS);
            expected.put(0, 0L);
            metrics.refresh();
            assertThat(scraped(metrics, topic)).as("lag samples after the group committed all of partition 0 and"
                    + " refresh() ran again (a gauge registered once must show the new value):\n"
                    + metrics.scrape()).isEqualTo(expected);
        }
    }

    private static Map<Integer, Long> scraped(LagMetrics metrics, String topic) {
        Pattern line = Pattern.compile("^kafka_consumer_group_lag_records\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Map<Integer, Long> scraped = new TreeMap<>();
        Matcher m = line.matcher(metrics.scrape());
        while (m.find()) {
            Matcher p = Pattern.compile("partition=\"(\\d+)\"").matcher(m.group(1));
            assertThat(m.group(1)).as("labels of a lag sample").contains("group=\"billing\"", "topic=\"" + topic + "\"");
            assertThat(p.find()).as("partition label in " + m.group()).isTrue();
            scraped.put(Integer.parseInt(p.group(1)), (long) Double.parseDouble(m.group(2)));
        }
        return scraped;
    }
}
