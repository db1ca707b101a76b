package dev.dataeng.p05.cli;

import dev.dataeng.p05.generate.GenerationSpec;
import picocli.CommandLine.Option;

/** What to generate. */
public final class DataOptions {
    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "100",
            description = "Scale factor: 1 = 10,000 orders, 100 = 1M (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--skew", defaultValue = "0.3",
            description = "Share of orders on restaurant 1, the hot key (default: ${DEFAULT-VALUE}).")
    double skew;

    GenerationSpec spec() {
        return GenerationSpec.of(seed, scale, skew);
    }
}
