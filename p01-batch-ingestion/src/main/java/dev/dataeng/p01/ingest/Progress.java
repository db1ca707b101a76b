package dev.dataeng.p01.ingest;

import java.io.PrintStream;
import java.util.Locale;

/** A progress line every two seconds on a long file: rows, rows/s, share of the bytes read and time left. */
final class Progress {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final String label;
    private final long totalBytes;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    Progress(String label, long totalBytes, PrintStream out) {
        this.label = label;
        this.totalBytes = totalBytes;
        this.out = out;
    }

    void tick(long rows, long bytes) {
        if (out == null || (rows & 1023) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < EVERY_NANOS) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double share = totalBytes == 0 ? 1 : Math.min(1.0, (double) bytes / totalBytes);
        double eta = share > 0 ? seconds / share - seconds : 0;
        out.printf(Locale.ROOT, "  %s: %,d rows, %,.0f rows/s, %.0f%%, ETA %.0f s%n", label, rows, rows / seconds,
                share * 100, eta);
    }
}
