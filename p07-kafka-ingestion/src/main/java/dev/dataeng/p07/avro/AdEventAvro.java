package dev.dataeng.p07.avro;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The ad event's Avro schema (version 1, {@code src/main/resources/avro/ad_event_v1.avsc}) and the mapping between
 * {@link AdEvent} and Avro's {@link GenericRecord}. Generic records rather than generated classes: a consumer can
 * then read with whatever schema it was built with, which is what schema evolution is about.
 */
public final class AdEventAvro {
    /** The schema the producer writes with and the consumer reads with. */
    public static final Schema V1 = load("/avro/ad_event_v1.avsc");

    private AdEventAvro() {
    }

    public static GenericRecord toRecord(AdEvent e) {
        GenericRecord r = new GenericData.Record(V1);
        r.put("event_id", e.eventId());
        r.put("type", new GenericData.EnumSymbol(V1.getField("type").schema(), e.type().name()));
        r.put("campaign_id", e.campaignId());
        r.put("user_id", e.userId());
        r.put("impression_id", e.impressionId());
        r.put("event_time", e.eventTimeMs());
        return r;
    }

    /** An event from a record read with any schema that has the version-1 fields. */
    public static AdEvent fromRecord(GenericRecord r) {
        return new AdEvent(String.valueOf(r.get("event_id")), EventType.valueOf(String.valueOf(r.get("type"))),
                String.valueOf(r.get("campaign_id")), String.valueOf(r.get("user_id")),
                String.valueOf(r.get("impression_id")), (Long) r.get("event_time"));
    }

    public static Schema load(String resource) {
        try (InputStream in = AdEventAvro.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " is missing");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
