package dev.dataeng.p08.model;

import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What one event costs, per campaign: the price list the spend of query 1 is computed with. Bid and pricing of a
 * campaign never change (only budget and status do), so the price list is a small static table that every engine
 * ships to its tasks (a broadcast): Kafka Streams and Flink as a field of a function, Spark as a broadcast join.
 * Serializable because Flink and Spark send it to their tasks.
 */
public final class RateCard implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No prices: for the queries that count events and spend nothing (query 2). */
    public static final RateCard NONE = new RateCard();

    private final HashMap<String, Long> clickMicros = new HashMap<>();
    private final HashMap<String, Long> impressionMicros = new HashMap<>();

    public static RateCard of(Collection<Campaign> campaigns) {
        RateCard card = new RateCard();
        for (Campaign c : campaigns) {
            card.clickMicros.put(c.campaignId(), c.costMicros(EventType.CLICK));
            card.impressionMicros.put(c.campaignId(), c.costMicros(EventType.IMPRESSION));
        }
        return card;
    }

    /** Cost of one event; an event of a campaign missing from the card costs nothing (and is still counted). */
    public long costMicros(String campaignId, EventType type) {
        Map<String, Long> prices = type == EventType.CLICK ? clickMicros : impressionMicros;
        return prices.getOrDefault(campaignId, 0L);
    }

    /** Campaign ids on the card. */
    public List<String> campaignIds() {
        return clickMicros.keySet().stream().sorted().toList();
    }

    /**
     * Reads a compacted campaigns topic to its end (the last version of each campaign wins) and returns its prices.
     * Fails with one line if the topic is empty: a spend computed with no prices would be silently zero.
     */
    public static RateCard fromTopic(String bootstrapServers, String topic, Duration bound) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Campaign> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, bound).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, bound);
            long deadline = System.nanoTime() + bound.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("campaigns topic " + topic + " not read to its end within " + bound);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        Campaign c = AdJson.readCampaign(r.value());
                        latest.put(c.campaignId(), c);
                    }
                }
            }
        }
        if (latest.isEmpty()) {
            throw new IllegalStateException("campaigns topic " + topic + " is empty: no prices to compute spend with");
        }
        return of(latest.values());
    }

    @Override
    public String toString() {
        return "RateCard" + campaignIds();
    }

}
