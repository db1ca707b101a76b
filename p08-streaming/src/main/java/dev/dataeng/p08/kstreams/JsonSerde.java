package dev.dataeng.p08.kstreams;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.p08.model.ResultJson;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes of the chapter's records: ad events in {@link AdJson} form, results and state in {@link ResultJson} form. */
public final class JsonSerde {
    private JsonSerde() {
    }

    public static Serde<AdEvent> adEvents() {
        return Serdes.serdeFrom((topic, e) -> e == null ? null : AdJson.write(e),
                (topic, bytes) -> bytes == null ? null : AdJson.readEvent(bytes));
    }

    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom((topic, v) -> v == null ? null : ResultJson.write(v),
                (topic, bytes) -> bytes == null ? null : ResultJson.read(bytes, type));
    }
}
