package dev.dataeng.p09.delivery;

import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.kafka.KafkaTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;

/** The campaigns a job prices events with, read once at start from the campaigns topic (the last version wins). */
public final class CampaignCatalogue {
    private CampaignCatalogue() {
    }

    public static Map<String, Campaign> fromTopic(String bootstrapServers, String topic) {
        Map<String, Campaign> byId = new HashMap<>();
        for (var r : KafkaTopics.readAll(bootstrapServers, topic, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(60))) {
            Campaign c = AdJson.readCampaign(r.value());
            byId.merge(c.campaignId(), c, (a, b) -> b.version() >= a.version() ? b : a);
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException("no campaigns in topic " + topic + ": publish the catalogue first");
        }
        return byId;
    }
}
