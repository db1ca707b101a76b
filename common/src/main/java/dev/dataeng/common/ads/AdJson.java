package dev.dataeng.common.ads;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The plain JSON form of ad events and campaigns that the streaming chapters put on their input topics, so that
 * Kafka Streams, Flink (DataStream and SQL) and Spark read the same bytes:
 * <pre>
 * {"event_id":"clk-42","type":"CLICK","campaign_id":"cmp-0003","user_id":"u-17","impression_id":"imp-42","event_time":1767607200123}
 * {"campaign_id":"cmp-0003","advertiser_id":57,"name":"…","pricing":"CPC","bid_micros":4500000,
 *  "daily_budget_micros":900000000,"status":"ACTIVE","version":2,"updated_at":1767607260000}
 * </pre>
 * Field names are snake_case, times are epoch milliseconds, money is in micros. (p07 teaches Avro and a schema
 * registry instead; this is the fixture format of p08–p10.)
 */
public final class AdJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private AdJson() {
    }

    public static byte[] write(AdEvent e) {
        // A streaming generator, not a tree: benchmarks write millions of these.
        ByteArrayBuilder out = new ByteArrayBuilder(160);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event_id", e.eventId());
            g.writeStringField("type", e.type().name());
            g.writeStringField("campaign_id", e.campaignId());
            g.writeStringField("user_id", e.userId());
            g.writeStringField("impression_id", e.impressionId());
            g.writeNumberField("event_time", e.eventTimeMs());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toByteArray();
    }

    /** Parses an event; throws {@link IllegalArgumentException} with the reason when the bytes are no event. */
    public static AdEvent readEvent(byte[] bytes) {
        JsonNode n = tree(bytes);
        try {
            return new AdEvent(text(n, "event_id"), EventType.valueOf(text(n, "type")), text(n, "campaign_id"),
                    text(n, "user_id"), text(n, "impression_id"), number(n, "event_time"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ad event: " + e.getMessage(), e);
        }
    }

    public static byte[] write(Campaign c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("campaign_id", c.campaignId());
        n.put("advertiser_id", c.advertiserId());
        n.put("name", c.name());
        n.put("pricing", c.pricing().name());
        n.put("bid_micros", c.bidMicros());
        n.put("daily_budget_micros", c.dailyBudgetMicros());
        n.put("status", c.status().name());
        n.put("version", c.version());
        n.put("updated_at", c.updatedAtMs());
        return bytes(n);
    }

    public static Campaign readCampaign(byte[] bytes) {
        JsonNode n = tree(bytes);
        try {
            return new Campaign(text(n, "campaign_id"), number(n, "advertiser_id"), text(n, "name"),
                    Pricing.valueOf(text(n, "pricing")), number(n, "bid_micros"), number(n, "daily_budget_micros"),
                    CampaignStatus.valueOf(text(n, "status")), (int) number(n, "version"), number(n, "updated_at"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a campaign: " + e.getMessage(), e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a whole number");
        }
        return v.asLong();
    }

    private static byte[] bytes(ObjectNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
