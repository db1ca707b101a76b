package dev.dataeng.p04.scheduler;

import java.time.Duration;

/**
 * How the orchestrator waits (for a retry delay, between sensor pokes). Production sleeps for real; tests pass a
 * fake that moves a fake clock forward, so an hour of backoff takes no time at all.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Really waits. */
    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };
}
