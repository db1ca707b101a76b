package dev.dataeng.common.fooddelivery;

import java.nio.charset.StandardCharsets;

/** Derives independent, reproducible random seeds from (seed, purpose, index). */
public final class Seeds {
    private Seeds() {
    }

    public static long mix(long seed, String purpose, long index) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = splitmix(h ^ b);
        }
        return splitmix(h ^ splitmix(index));
    }

    private static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
