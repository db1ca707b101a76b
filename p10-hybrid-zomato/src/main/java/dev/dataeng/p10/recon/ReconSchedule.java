package dev.dataeng.p10.recon;

import dev.dataeng.common.ads.Campaign;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The recon on a schedule: every {@code every} of the platform's event clock, a recon over the hours that are
 * <em>closed</em> — every event of them has arrived, the allowed lateness included — so the corrections of an hour
 * flow while the stream goes on, not only at the end. Each run covers every closed hour (the lake is read whole
 * anyway): an hour that is already exact in billing gets no correction, so the runs publish incrementally and the
 * final state is the same as one run on demand.
 *
 * <p>The clock is event time (the newest arrival the platform has acknowledged, or the newest event in the lake),
 * not the wall clock: a demo that replays a day in a minute reconciles each hour once it is closed in the data.
 */
public final class ReconSchedule {
    static final long HOUR_MS = 3_600_000L;

    /** What one scheduled run did: the clock it ran at, the hours it covered ([.., closedBefore)), its report. */
    public record Run(long clockMs, long closedBeforeMs, ReconReport report) {
    }

    /** Makes the lake hold every event the platform has acknowledged so far (e.g. waits for the lake's checkpoint). */
    @FunctionalInterface
    public interface LakeBarrier {
        void awaitLakeCommitted() throws Exception;
    }

    private final SparkSession spark;
    private final ReconJob.Options options;
    private final Collection<Campaign> catalogue;
    private final long everyMs;
    private final Duration lateness;
    private final LakeBarrier lake;
    private final Consumer<Run> onRun;
    private long nextRunAt = Long.MIN_VALUE;
    private long reconciledBefore = Long.MIN_VALUE;
    private int runs;

    public ReconSchedule(SparkSession spark, ReconJob.Options options, Collection<Campaign> catalogue,
            Duration every, Duration lateness, LakeBarrier lake, Consumer<Run> onRun) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the recon period must be positive, not " + every);
        }
        this.spark = spark;
        this.options = options;
        this.catalogue = catalogue;
        this.everyMs = every.toMillis();
        this.lateness = lateness;
        this.lake = lake;
        this.onRun = onRun;
    }

    /**
     * The event clock moved to {@code clockMs}: when a period of it has passed since the last run and an hour closed
     * since, reconcile the closed hours now (on the caller's thread: the demo's clock waits for its recon). Returns
     * the run, or null when nothing was due.
     */
    public Run tick(long clockMs) throws Exception {
        if (clockMs == Long.MIN_VALUE) {
            return null;
        }
        if (nextRunAt == Long.MIN_VALUE) { // the clock starts: the hours that ended before it hold none of this stream
            nextRunAt = clockMs - Math.floorMod(clockMs, everyMs) + everyMs;
            reconciledBefore = Math.max(reconciledBefore, clockMs - Math.floorMod(clockMs, HOUR_MS));
        }
        if (clockMs < nextRunAt) {
            return null;
        }
        nextRunAt = clockMs - Math.floorMod(clockMs, everyMs) + everyMs;
        return runNow(clockMs);
    }

    /**
     * Reconciles the hours closed at event clock {@code clockMs} if one closed since the last run (the CLI's
     * {@code recon --every}, whose period is the wall clock). Returns the run, or null when no hour closed since.
     */
    public Run runNow(long clockMs) throws Exception {
        long closed = closedBefore(clockMs, lateness);
        if (closed <= reconciledBefore) {
            return null; // no hour closed since the last run
        }
        lake.awaitLakeCommitted();
        ReconReport report = ReconJob.run(spark, options.range(Long.MIN_VALUE, closed), catalogue);
        reconciledBefore = closed;
        runs++;
        Run run = new Run(clockMs, closed, report);
        onRun.accept(run);
        return run;
    }

    /** Scheduled runs so far. */
    public int runs() {
        return runs;
    }

    /**
     * The end of the closed hours at event clock {@code clockMs}: every hour that ends at or before the returned
     * instant is closed (no event of it can still arrive: its end plus the allowed lateness has passed).
     */
    public static long closedBefore(long clockMs, Duration lateness) {
        // BEGIN SOLUTION step 8: an hour is closed once the clock passed its end plus the allowed lateness; round down to the hour
        long settled = clockMs - lateness.toMillis();
        return settled - Math.floorMod(settled, HOUR_MS);
        // END SOLUTION
    }
}
