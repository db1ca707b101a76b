package dev.dataeng.p10.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides, for one element of a batch, whether it is an ad event the platform can bill: the schema (every field
 * present with its type), a known campaign, an event time not absurdly in the future.
 */
public final class EventValidator {
    private final Set<String> knownCampaigns;
    private final LongSupplier nowMs;
    private final long maxFutureSkewMs;

    /**
     * @param knownCampaigns  the campaign ids of the catalogue
     * @param nowMs           the gateway's clock (the system clock in production; the generator's clock in tests)
     * @param maxFutureSkewMs how far ahead of that clock an event time may be
     */
    public EventValidator(Set<String> knownCampaigns, LongSupplier nowMs, long maxFutureSkewMs) {
        this.knownCampaigns = knownCampaigns;
        this.nowMs = nowMs;
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    public Verdict validate(JsonNode n) {
        // BEGIN SOLUTION step 2: schema first (object, six fields, their types), then the campaign, then the clock
        if (n == null || !n.isObject()) {
            return Verdict.reject(RejectReason.NOT_AN_EVENT, "not a JSON object");
        }
        for (String field : new String[] {"event_id", "type", "campaign_id", "user_id", "impression_id"}) {
            JsonNode v = n.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                return Verdict.reject(RejectReason.NOT_AN_EVENT, "field '" + field + "' missing or not a string");
            }
        }
        JsonNode time = n.get("event_time");
        if (time == null || !time.isIntegralNumber() || !time.canConvertToLong()) {
            return Verdict.reject(RejectReason.NOT_AN_EVENT, "field 'event_time' missing or not a whole number");
        }
        EventType type;
        try {
            type = EventType.valueOf(n.get("type").asText());
        } catch (IllegalArgumentException e) {
            return Verdict.reject(RejectReason.NOT_AN_EVENT, "type must be IMPRESSION or CLICK");
        }
        String campaign = n.get("campaign_id").asText();
        if (!knownCampaigns.contains(campaign)) {
            return Verdict.reject(RejectReason.UNKNOWN_CAMPAIGN, "campaign " + campaign + " is not in the catalogue");
        }
        long eventTime = time.asLong();
        if (eventTime > nowMs.getAsLong() + maxFutureSkewMs) {
            return Verdict.reject(RejectReason.FUTURE_EVENT_TIME, "event time " + eventTime + " is ahead of the clock");
        }
        return Verdict.accept(new AdEvent(n.get("event_id").asText(), type, campaign, n.get("user_id").asText(),
                n.get("impression_id").asText(), eventTime));
        // END SOLUTION
    }
}
