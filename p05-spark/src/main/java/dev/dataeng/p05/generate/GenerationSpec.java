package dev.dataeng.p05.generate;

import dev.dataeng.common.fooddelivery.GeneratorConfig;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * What to generate: a serialisable copy of the generator's config, shipped to every task so each task builds its own
 * generator (no driver-side data, no shared mutable state).
 */
public record GenerationSpec(long seed, double scale, double skew, LocalDate start, int days) implements Serializable {

    /** 30 days from 2025-01-01. */
    public static GenerationSpec of(long seed, double scale, double skew) {
        return new GenerationSpec(seed, scale, skew, LocalDate.of(2025, 1, 1), 30);
    }

    public GeneratorConfig config() {
        return GeneratorConfig.of(seed, scale).withDays(start, days).withSkew(skew);
    }

    public long orderCount() {
        return config().orderCount();
    }
}
