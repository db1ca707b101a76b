package dev.dataeng.common.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting on a condition with a bound: polls every 50 ms until the condition holds, or fails with a message that says
 * what was awaited. Never a fixed sleep: a fast machine goes on at once, a slow one waits up to the bound.
 */
public final class KafkaWait {
    private KafkaWait() {
    }

    /** Waits until {@code condition} is true; throws {@link IllegalStateException} naming {@code what} after {@code bound}. */
    public static void until(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (dev.dataeng.common.grading.Todo e) {
                throw e; // a stub of the student edition: waiting does not make it written
            } catch (RuntimeException e) {
                last = e; // e.g. metadata not there yet: try again until the bound
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + bound.toMillis() + " ms for " + what
                        + (last == null ? "" : "; last error: " + last), last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what);
            }
        }
    }
}
