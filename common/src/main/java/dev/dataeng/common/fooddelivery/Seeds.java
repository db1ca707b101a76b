package dev.dataeng.common.fooddelivery;

import java.nio.charset.StandardCharsets;

/** Derives independent, reproducible random seeds from (seed, purpose, index). */
public final class Seeds {
    private Seeds() {
    }

    public static long mix(long seed, String purpose, long index) {
        return mix(prefix(seed, purpose), index);
    }

    /** The part of {@link #mix} that depends on (seed, purpose) only: compute it once for a hot loop. */
    public static long prefix(long seed, String purpose) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = splitmix(h ^ b);
        }
        return h;
    }

    /** {@code mix(seed, purpose, index)} given {@code prefix(seed, purpose)}. */
    public static long mix(long prefix, long index) {
        return splitmix(prefix ^ splitmix(index));
    }

    private static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
