package dev.dataeng.p01.load;

import dev.dataeng.p01.schema.DatasetSchema;
import java.util.Arrays;
import java.util.List;

/**
 * Remembers, for one file, each unique key seen and a 64-bit fingerprint of the row it came with, so a repeated
 * key is told apart as an exact duplicate (same values: counted, not loaded) or a conflict (different values:
 * quarantined). Without a unique key the whole row is the key, so exact duplicate rows are still caught, unless
 * the schema says identical rows are genuine events ({@code identicalRows: keep}).
 * Memory: one entry per loaded row (16 bytes for an integer key, see {@link KeyFingerprints}; ~80 otherwise).
 */
public final class KeyTracker {

    /** What a row's key says about it. */
    public enum Verdict { NEW, DUPLICATE, CONFLICT }

    private final int[] keyColumns;
    private final boolean keepIdenticalRows;
    private final KeyFingerprints seen = new KeyFingerprints();

    public KeyTracker(DatasetSchema schema) {
        this.keyColumns = schema.uniqueKey().stream().mapToInt(schema::indexOf).toArray();
        this.keepIdenticalRows = schema.keepIdenticalRows();
    }

    /** The key of a valid row as text, e.g. {@code order_id=42}, for messages. */
    public String describeKey(DatasetSchema schema, Object[] values) {
        StringBuilder out = new StringBuilder();
        for (int k : keyColumns) {
            out.append(out.length() == 0 ? "" : ", ").append(schema.columns().get(k).name()).append('=')
                    .append(values[k]);
        }
        return out.toString();
    }

    public Verdict offer(Object[] values) {
        // BEGIN SOLUTION step 5
        if (keyColumns.length == 0 && keepIdenticalRows) {
            return Verdict.NEW; // identical rows are genuine events (identicalRows: keep): nothing to compare
        }
        long fingerprint = fingerprint(values);
        Object key;
        if (keyColumns.length == 0) {
            key = fingerprint;
        } else if (keyColumns.length == 1) {
            key = values[keyColumns[0]];
        } else {
            Object[] parts = new Object[keyColumns.length];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = values[keyColumns[i]];
            }
            key = List.of(parts);
        }
        long before = seen.putIfAbsent(key, fingerprint);
        if (before == KeyFingerprints.ABSENT) {
            return Verdict.NEW;
        }
        return before == fingerprint ? Verdict.DUPLICATE : Verdict.CONFLICT;
        // END SOLUTION
    }

    /** A 64-bit hash of the normalised values: equal rows, equal fingerprints (and, in practice, only they). */
    static long fingerprint(Object[] values) {
        long h = 0x9E3779B97F4A7C15L;
        for (Object v : values) {
            long x = v == null ? 0x5bd1e995L : v.hashCode() ^ ((long) v.getClass().hashCode() << 32);
            h = Long.rotateLeft(h ^ x, 27) * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        }
        return h ^ (h >>> 31) ^ Arrays.hashCode(values);
    }
}
