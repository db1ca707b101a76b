package dev.dataeng.p01.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A map from a row's key to the 64-bit fingerprint of the row that came with it, for {@link KeyTracker}. Integer
 * keys (the common case: {@code order_id}) live in two primitive arrays (open addressing), so a file of millions
 * of rows costs 16 bytes per key instead of ~64 in a {@code HashMap<Long, Long>} (two boxed numbers and an entry),
 * and the garbage collector has millions fewer long-lived objects to copy. Other keys use a {@code HashMap}.
 */
final class KeyFingerprints {

    /** What {@link #putIfAbsent} returns for a key not seen before. */
    static final long ABSENT = Long.MIN_VALUE;

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys = new long[1 << 12];
    private long[] fingerprints = new long[1 << 12];
    private int size;
    private boolean hasEmptyKey;
    private long emptyKeyFingerprint;
    private final Map<Object, Long> others = new HashMap<>();

    KeyFingerprints() {
        Arrays.fill(keys, EMPTY);
    }

    /**
     * Remembers {@code fingerprint} for {@code key} unless the key is there already; returns the fingerprint
     * remembered before, or {@link #ABSENT}. (A fingerprint equal to {@code ABSENT} is remembered as its neighbour:
     * one in 2^64.)
     */
    long putIfAbsent(Object key, long fingerprint) {
        long f = fingerprint == ABSENT ? ABSENT + 1 : fingerprint;
        if (!(key instanceof Long k)) {
            Long before = others.putIfAbsent(key, f);
            return before == null ? ABSENT : before;
        }
        if (k == EMPTY) {
            if (hasEmptyKey) {
                return emptyKeyFingerprint;
            }
            hasEmptyKey = true;
            emptyKeyFingerprint = f;
            return ABSENT;
        }
        int mask = keys.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == k) {
                return fingerprints[i];
            }
            if (keys[i] == EMPTY) {
                keys[i] = k;
                fingerprints[i] = f;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return ABSENT;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldFingerprints = fingerprints;
        keys = new long[oldKeys.length * 2];
        fingerprints = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = mix(oldKeys[j]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                fingerprints[i] = oldFingerprints[j];
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
