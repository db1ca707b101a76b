package dev.dataeng.p10.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataeng.common.ads.AdEvent;
import java.io.IOException;

/**
 * An accepted event as it travels on {@link Topics#AD_EVENTS}: common's ad-event JSON plus what the gateway adds,
 * {@code accepted_at} (when the gateway took it: the start of the end-to-end latency) and {@code billable} (false
 * when the campaign was paused for that day when the event arrived).
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static byte[] write(AdEvent e, long acceptedAtMs, boolean billable) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event_id", e.eventId());
        n.put("type", e.type().name());
        n.put("campaign_id", e.campaignId());
        n.put("user_id", e.userId());
        n.put("impression_id", e.impressionId());
        n.put("event_time", e.eventTimeMs());
        n.put("accepted_at", acceptedAtMs);
        n.put("billable", billable);
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
