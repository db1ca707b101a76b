package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;

/**
 * Bytes of the input topic to {@link AdEvent}. A record that is no event is skipped (null); Flink's source then
 * drops it, silently. The graded input of the query jobs carries none; {@link DeadLetterRouting} shows how a job
 * keeps such records instead (walkthrough step 13).
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
