package dev.dataeng.p07.cli;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import picocli.CommandLine.Option;

/** What the seeded ad server produces. */
public final class StreamOptions {
    @Option(names = "--events", defaultValue = "20000", description = "Impressions to generate (clicks come on top;"
            + " default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "2026", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clean", description = "A clean stream (default: dirty: out-of-order, late, duplicate and"
            + " poison records).")
    boolean clean;

    public AdEventGenerator generator() {
        return new AdEventGenerator(clean ? AdConfig.clean(seed, events) : AdConfig.dirty(seed, events));
    }
}
