package dev.dataeng.p10.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Budgets are per UTC day, recon works per UTC hour: the two time buckets of billing. */
public final class Days {
    public static final long MINUTE_MS = 60_000L;
    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 86_400_000L;

    private Days() {
    }

    public static LocalDate dayOf(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public static long hourStart(long epochMs) {
        return Math.floorDiv(epochMs, HOUR_MS) * HOUR_MS;
    }

    public static long minuteStart(long epochMs) {
        return Math.floorDiv(epochMs, MINUTE_MS) * MINUTE_MS;
    }
}
