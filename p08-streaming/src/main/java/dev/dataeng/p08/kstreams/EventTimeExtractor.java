package dev.dataeng.p08.kstreams;

import dev.dataeng.common.ads.AdEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for Kafka Streams: every window, grace period and join bound downstream is measured on what this
 * returns. The value is already an {@link AdEvent} (the source's serde ran first).
 */
public final class EventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        // BEGIN SOLUTION step 2: the time the ad server stamped on the event (its event_time field), not the wall clock
        if (record.value() instanceof AdEvent e) {
            return e.eventTimeMs();
        }
        return record.timestamp();
        // END SOLUTION
    }
}
