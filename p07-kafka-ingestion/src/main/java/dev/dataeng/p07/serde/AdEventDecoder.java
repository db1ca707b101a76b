package dev.dataeng.p07.serde;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p07.avro.AdEventAvro;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads ad events from the wire format: looks up the writer's schema by the id in the header, and resolves it
 * against this consumer's reader schema (Avro schema resolution: fields the reader does not know are skipped,
 * fields the writer did not have take the reader's default). Failures are {@link UndecodableException}s with a
 * reason a dead-letter record can carry.
 */
public final class AdEventDecoder {
    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

    public AdEventDecoder(SchemaRegistryClient registry) {
        this(registry, AdEventAvro.V1);
    }

    public AdEventDecoder(SchemaRegistryClient registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    /** Why a value could not be decoded. */
    public static final class UndecodableException extends Exception {
        private final String reason;

        public UndecodableException(String reason, String detail, Throwable cause) {
            super(detail, cause);
            this.reason = reason;
        }

        /** {@code UNDECODABLE} or {@code UNKNOWN_SCHEMA_ID}. */
        public String reason() {
            return reason;
        }
    }

    public AdEvent decode(byte[] value) throws UndecodableException {
        return AdEventAvro.fromRecord(decodeRecord(value));
    }

    /** The record as this consumer's reader schema sees it. */
    public GenericRecord decodeRecord(byte[] value) throws UndecodableException {
        WireFormat.Framed framed;
        try {
            framed = WireFormat.unframe(value);
        } catch (IllegalArgumentException e) {
            throw new UndecodableException("UNDECODABLE", e.getMessage(), e);
        }
        GenericDatumReader<GenericRecord> reader;
        try {
            reader = readers.computeIfAbsent(framed.schemaId(),
                    id -> new GenericDatumReader<>(registry.schemaById(id), readerSchema));
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                throw new UndecodableException("UNKNOWN_SCHEMA_ID", "schema id " + framed.schemaId()
                        + " is not in the registry: " + e.getMessage(), e);
            }
            throw e; // the registry is down: not the record's fault, do not dead-letter it
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(framed.avro(), null));
            // (one decoder per record: a reused BinaryDecoder is not thread-safe and this decoder is shared)
        } catch (IOException | AvroRuntimeException | ClassCastException | IndexOutOfBoundsException e) {
            throw new UndecodableException("UNDECODABLE", "Avro bytes do not match schema " + framed.schemaId()
                    + ": " + e, e);
        }
    }
}
