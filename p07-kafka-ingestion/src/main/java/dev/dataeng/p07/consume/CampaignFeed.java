package dev.dataeng.p07.consume;

import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the {@code campaigns} topic from the beginning to its current end, as a consumer of several partitions
 * does: each poll returns records of whichever partitions have data, in order within each partition and in no
 * particular order across partitions.
 */
public final class CampaignFeed {
    private CampaignFeed() {
    }

    public static List<Campaign> readToEnd(String bootstrapServers, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        List<Campaign> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " to its end took over 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(AdJson.readCampaign(r.value()));
                }
            }
        }
        return out;
    }

    /** The campaign ids the topic knows: what the consumer's {@link EventRules} accept. */
    public static Set<String> campaignIds(String bootstrapServers, String topic) {
        return readToEnd(bootstrapServers, topic).stream().map(Campaign::campaignId)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
