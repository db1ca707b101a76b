package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;

/**
 * Bytes of the input topic to {@link AdEvent}. A record that is no event is skipped (null); Flink's source then
 * drops it. Dead-lettering it is p07's lesson; this chapter's input carries none.
 */
public final class AdEventSchema extends AbstractDeserializationSchema<AdEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public AdEvent deserialize(byte[] message) {
        try {
            return message == null ? null : AdJson.readEvent(message);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
