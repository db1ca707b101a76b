package dev.dataeng.p07.serde;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Confluent's wire format, which every registry-aware client in any language reads: one magic byte {@code 0}, the
 * schema id as a 4-byte big-endian int, then the Avro binary encoding of the record (no schema inside).
 */
public final class WireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER = 5;

    private WireFormat() {
    }

    /** A framed payload: the schema id and the Avro bytes after the header. */
    public record Framed(int schemaId, byte[] avro) {
    }

    public static byte[] frame(int schemaId, byte[] avro) {
        // BEGIN SOLUTION step 5: magic byte 0, then the id as 4 bytes big-endian, then the Avro bytes
        return ByteBuffer.allocate(HEADER + avro.length).put(MAGIC).putInt(schemaId).put(avro).array();
        // END SOLUTION
    }

    /** Splits a framed payload; {@link IllegalArgumentException} when the bytes are not in this format. */
    public static Framed unframe(byte[] bytes) {
        // BEGIN SOLUTION step 5: refuse null, too short, or a first byte that is not the magic byte
        if (bytes == null || bytes.length < HEADER) {
            throw new IllegalArgumentException("not the registry wire format: "
                    + (bytes == null ? "no value" : bytes.length + " bytes, fewer than the 5-byte header"));
        }
        if (bytes[0] != MAGIC) {
            throw new IllegalArgumentException(String.format("not the registry wire format: magic byte 0x%02x, expected 0x00",
                    bytes[0]));
        }
        return new Framed(ByteBuffer.wrap(bytes, 1, 4).getInt(), Arrays.copyOfRange(bytes, HEADER, bytes.length));
        // END SOLUTION
    }
}
