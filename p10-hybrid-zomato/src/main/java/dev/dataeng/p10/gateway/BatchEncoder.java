package dev.dataeng.p10.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.AdRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * How the ad server (the generator) writes records into a JSON batch: an event as common's ad-event JSON object;
 * an undecodable poison record as a JSON string of its bytes (base64), which is no event object.
 */
public final class BatchEncoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchEncoder() {
    }

    public static JsonNode element(AdRecord record) {
        try {
            if (record instanceof AdRecord.Event e) {
                return MAPPER.readTree(AdJson.write(e.event()));
            }
            AdRecord.Poison p = (AdRecord.Poison) record;
            return p.event() != null ? MAPPER.readTree(AdJson.write(p.event()))
                    : new TextNode(Base64.getEncoder().encodeToString(p.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] batch(List<AdRecord> records) {
        var array = MAPPER.createArrayNode();
        records.forEach(r -> array.add(element(r)));
        try {
            return MAPPER.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
