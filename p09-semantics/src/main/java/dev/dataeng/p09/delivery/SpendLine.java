package dev.dataeng.p09.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.Campaign;
import java.io.IOException;

/**
 * What the spend job writes for one ad event: what it cost its campaign (0 for a CPC impression or a CPM click).
 * One line per input event, so the output can be checked record by record against the input.
 */
public record SpendLine(String eventId, String campaignId, long eventTimeMs, long costMicros) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The line of {@code event}, priced with its campaign. */
    public static SpendLine of(AdEvent event, Campaign campaign) {
        return new SpendLine(event.eventId(), event.campaignId(), event.eventTimeMs(),
                campaign == null ? 0 : campaign.costMicros(event.type()));
    }

    public byte[] toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event_id", eventId);
        n.put("campaign_id", campaignId);
        n.put("event_time", eventTimeMs);
        n.put("cost_micros", costMicros);
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SpendLine fromJson(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            return new SpendLine(n.get("event_id").asText(), n.get("campaign_id").asText(),
                    n.get("event_time").asLong(), n.get("cost_micros").asLong());
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("not a spend line: " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
