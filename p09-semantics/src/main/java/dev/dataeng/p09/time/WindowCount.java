package dev.dataeng.p09.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One result of a per-campaign tumbling event-time window: how many events it holds so far. A window can be emitted
 * more than once: the first time when the watermark (or stream time) passes its end, again for each late event
 * accepted within the allowed lateness (grace). The last emission per (campaign, window) is its final value.
 *
 * @param lateEvents of {@code events}, how many arrived after the window had ended (accepted late)
 * @param spendMicros what the window's events cost their campaign
 * @param firing     0 for the on-time result, 1, 2, … for updates caused by late events (Flink); -1 where the engine
 *                   emits on every record (Kafka Streams)
 */
public record WindowCount(String campaignId, long windowStartMs, long events, long lateEvents, long spendMicros,
        int firing) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String key() {
        return campaignId + "@" + windowStartMs;
    }

    public byte[] toJson() {
        var n = MAPPER.createObjectNode();
        n.put("campaign_id", campaignId);
        n.put("window_start", windowStartMs);
        n.put("events", events);
        n.put("late_events", lateEvents);
        n.put("spend_micros", spendMicros);
        n.put("firing", firing);
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static WindowCount fromJson(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            return new WindowCount(n.get("campaign_id").asText(), n.get("window_start").asLong(),
                    n.get("events").asLong(), n.get("late_events").asLong(), n.get("spend_micros").asLong(),
                    n.get("firing").asInt());
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("not a window count", e);
        }
    }
}
