package dev.dataeng.p09.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The crash design of Kafka's {@code transactions_test.py} and Flink's {@code EventTimeWindowCheckpointingITCase}:
 * run a job in its own JVM, hard-kill it each time its progress passes the next mark (20%, 50%, 80% of the input),
 * start it again, and finally let it finish. Every wait is bounded; a job that ends before a mark, or fails, stops
 * the drill with its log's tail.
 */
public final class CrashDrill {

    /** What happened: the progress seen at each kill, and the final run's exit code. */
    public record Result(List<Long> killedAt, int exitCode, long total) {
        public String describe() {
            List<String> at = new ArrayList<>();
            killedAt.forEach(k -> at.add(k + "/" + total + " (" + (100 * k / Math.max(1, total)) + "%)"));
            return "killed at " + String.join(", ", at) + "; final run exit " + exitCode;
        }
    }

    public static final double[] MARKS = {0.2, 0.5, 0.8};

    private CrashDrill() {
    }

    /**
     * @param heap     the job JVM's heap flag
     * @param log      where the job's output goes (all runs append)
     * @param args     the job's command line ({@code Cli} arguments)
     * @param progress records processed so far, as observed from outside
     * @param total    records the job has to process
     * @param finish   how long the last run may take
     * @param done     for a job that does not end by itself (a streaming application): the condition under which
     *                 the final run has done its work and is stopped (SIGTERM); null to wait for the job to exit
     */
    public static Result run(String heap, Path log, List<String> args, LongSupplier progress, long total,
            Duration finish, BooleanSupplier done) {
        return run(heap, log, args, progress, total, finish, done, () -> { });
    }

    /**
     * As above, with {@code beforeRestart} run before each restart of the job (not before its first start): for
     * what a real deployment would have and the drill's finite input lacks, such as new events after a restore.
     */
    public static Result run(String heap, Path log, List<String> args, LongSupplier progress, long total,
            Duration finish, BooleanSupplier done, Runnable beforeRestart) {
        List<Long> killedAt = new ArrayList<>();
        for (double mark : MARKS) {
            long target = (long) Math.ceil(mark * total);
            if (!killedAt.isEmpty()) {
                beforeRestart.run();
            }
            Process job = ChildJvm.start(heap, log, args);
            long[] reached = new long[1];
            String failure = awaitProgress(job, () -> reached[0] = progress.getAsLong(), target,
                    Duration.ofSeconds(120));
            if (failure != null) {
                job.destroyForcibly();
                throw new IllegalStateException(failure + " (" + (int) (mark * 100) + "% mark); log " + log + ":\n"
                        + ChildJvm.tail(log, 30));
            }
            killedAt.add(reached[0]); // the progress that triggered the kill (looking again could move on)
            job.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
            waitFor(job);
        }
        beforeRestart.run();
        Process last = ChildJvm.start(heap, log, args);
        try {
            if (done != null) {
                String failure = awaitProgress(last, () -> done.getAsBoolean() ? 1 : 0, 1, finish);
                if (failure != null) {
                    throw new IllegalStateException("the restarted job did not complete its output: " + failure);
                }
                last.destroy();
                waitFor(last);
                return new Result(killedAt, 0, total);
            }
            if (!last.waitFor(finish.toMillis(), TimeUnit.MILLISECONDS)) {
                last.destroyForcibly();
                throw new IllegalStateException("the restarted job did not finish within " + finish.toSeconds()
                        + " s; log " + log + ":\n" + ChildJvm.tail(log, 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last.destroyForcibly();
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            last.destroyForcibly();
            throw new IllegalStateException(e.getMessage() + "; log " + log + ":\n" + ChildJvm.tail(log, 30), e);
        }
        if (last.exitValue() != 0) {
            throw new IllegalStateException("the restarted job failed (exit " + last.exitValue() + "); log " + log
                    + ":\n" + ChildJvm.tail(log, 30));
        }
        return new Result(killedAt, last.exitValue(), total);
    }

    private static void waitFor(Process p) {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a killed job did not go away within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Null when progress reached {@code target}; otherwise why not (the job ended, or the bound passed). */
    private static String awaitProgress(Process job, LongSupplier progress, long target, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            if (progress.getAsLong() >= target) {
                return null;
            }
            if (!job.isAlive()) {
                return "the job exited (code " + job.exitValue() + ") before it had processed " + target + " records";
            }
            if (System.nanoTime() > deadline) {
                return "the job had not processed " + target + " records after " + bound.toSeconds() + " s (at "
                        + progress.getAsLong() + ")";
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
