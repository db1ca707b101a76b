package dev.dataeng.p07.produce;

import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Campaign changes (budget and status updates) onto the compacted {@code campaigns} topic. The last update of a
 * campaign must win downstream, so every version of one campaign must travel in one partition, in order: Kafka
 * orders records only within a partition, and the partition is chosen by the key.
 */
public final class CampaignChangeProducer {
    private CampaignChangeProducer() {
    }

    /** The record key of a campaign version. */
    public static byte[] keyFor(Campaign c) {
        // BEGIN SOLUTION step 7: the key decides the partition: every version of a campaign must share it
        return c.campaignId().getBytes(StandardCharsets.UTF_8);
        // END SOLUTION
    }

    /** Sends the versions in the given order (write order), value = {@link AdJson} of the campaign; flushes. */
    public static SendStats publish(String bootstrapServers, ProducerSettings settings, String topic,
            List<Campaign> versions, Map<String, Object> extraProperties) {
        Map<String, Object> props = settings.toProperties(bootstrapServers);
        props.putAll(extraProperties);
        long[] ok = new long[1];
        long[] failed = new long[1];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Campaign c : versions) {
                producer.send(new ProducerRecord<>(topic, null, c.updatedAtMs(), keyFor(c), AdJson.write(c)),
                        (meta, error) -> {
                            synchronized (ok) {
                                if (error == null) {
                                    ok[0]++;
                                } else {
                                    failed[0]++;
                                }
                            }
                        });
            }
            producer.flush();
        }
        synchronized (ok) {
            return new SendStats(versions.size(), ok[0], failed[0], Map.of());
        }
    }
}
