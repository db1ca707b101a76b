package dev.dataeng.common.kafka;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Campaign;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts the ad generator's records on a topic, as the ad server would: in arrival order, keyed by campaign id, the
 * value in {@link AdJson} form, the record timestamp the event time. Poison goes on the same topic: undecodable bytes
 * as they are (no key), a bad event as its JSON, both stamped with their arrival time (a broker refuses a record
 * stamped a year ahead: {@code log.message.timestamp.after.max.ms} is one hour by default). Idempotent producer, {@code acks=all}; returns after every record is
 * acknowledged, or throws.
 */
public final class AdPublisher {
    private AdPublisher() {
    }

    /** What was sent: {@code records = events + poison}. */
    public record Published(long records, long events, long poison) {
    }

    public static Published publish(String bootstrapServers, String topic, Iterator<AdRecord> records) {
        AtomicLong events = new AtomicLong();
        AtomicLong poison = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            while (records.hasNext()) {
                AdRecord r = records.next();
                ProducerRecord<byte[], byte[]> out;
                if (r instanceof AdRecord.Event e) {
                    out = eventRecord(topic, e.event());
                    events.incrementAndGet();
                } else {
                    AdRecord.Poison p = (AdRecord.Poison) r;
                    out = p.event() == null
                            ? new ProducerRecord<>(topic, null, p.arrivalTimeMs(), null, p.bytes())
                            : new ProducerRecord<>(topic, null, p.arrivalTimeMs(),
                                    p.event().campaignId().getBytes(StandardCharsets.UTF_8), AdJson.write(p.event()));
                    poison.incrementAndGet();
                }
                producer.send(out, (meta, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing to " + topic + " failed: " + failure.get(), failure.get());
        }
        return new Published(events.get() + poison.get(), events.get(), poison.get());
    }

    /** Campaign versions keyed by campaign id (for a compacted topic: the last version per key wins). */
    public static void publishCampaigns(String bootstrapServers, String topic, List<Campaign> versions) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            for (Campaign c : versions) {
                producer.send(new ProducerRecord<>(topic, null, c.updatedAtMs(),
                        c.campaignId().getBytes(StandardCharsets.UTF_8), AdJson.write(c)), (meta, ex) -> {
                            if (ex != null) {
                                failure.compareAndSet(null, ex);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing campaigns to " + topic + " failed: " + failure.get(),
                    failure.get());
        }
    }

    private static ProducerRecord<byte[], byte[]> eventRecord(String topic, AdEvent e) {
        return new ProducerRecord<>(topic, null, e.eventTimeMs(), e.campaignId().getBytes(StandardCharsets.UTF_8),
                AdJson.write(e));
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
