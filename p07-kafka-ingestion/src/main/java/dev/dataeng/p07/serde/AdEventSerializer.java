package dev.dataeng.p07.serde;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p07.avro.AdEventAvro;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} of ad events: Avro binary in the registry's wire format. The schema is registered under
 * the subject {@code <topic>-value} (Confluent's TopicNameStrategy) on first use; the id is cached by the client.
 */
public final class AdEventSerializer implements Serializer<AdEvent> {
    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final GenericDatumWriter<GenericRecord> writer;
    private final EncoderFactory encoders = EncoderFactory.get();
    private final java.util.Map<String, Integer> idByTopic = new java.util.concurrent.ConcurrentHashMap<>();
    private BinaryEncoder reuse;

    public AdEventSerializer(SchemaRegistryClient registry) {
        this(registry, AdEventAvro.V1);
    }

    public AdEventSerializer(SchemaRegistryClient registry, Schema schema) {
        this.registry = registry;
        this.schema = schema;
        this.writer = new GenericDatumWriter<>(schema);
    }

    /** Subject of a topic's values. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    @Override
    public byte[] serialize(String topic, AdEvent event) {
        return event == null ? null : serialize(topic, AdEventAvro.toRecord(event));
    }

    /** Serialises any record of this serializer's schema (used to write newer schema versions too). */
    public byte[] serialize(String topic, GenericRecord record) {
        int id = idByTopic.computeIfAbsent(topic, t -> registry.register(subject(t), schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        reuse = encoders.binaryEncoder(out, reuse);
        try {
            writer.write(record, reuse);
            reuse.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return WireFormat.frame(id, out.toByteArray());
    }
}
