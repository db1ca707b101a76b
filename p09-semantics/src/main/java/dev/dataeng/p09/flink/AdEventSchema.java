package dev.dataeng.p09.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Ad events from their JSON bytes (the chapters' fixture format). */
public final class AdEventSchema extends AbstractDeserializationSchema<AdEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public AdEvent deserialize(byte[] message) {
        return AdJson.readEvent(message);
    }

    @Override
    public TypeInformation<AdEvent> getProducedType() {
        return TypeInformation.of(AdEvent.class);
    }
}
