package dev.dataeng.p04.dag;

import java.time.Duration;

/**
 * Airflow's {@code retries}, {@code retry_delay}, {@code retry_exponential_backoff} and {@code max_retry_delay}.
 *
 * @param retries     how many times a failed try is tried again (0: the first failure is final)
 * @param retryDelay  wait before the first retry
 * @param exponential double the wait after every further failed try
 * @param maxDelay    cap on the wait (Airflow's {@code max_retry_delay})
 */
public record RetryPolicy(int retries, Duration retryDelay, boolean exponential, Duration maxDelay) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, false, Duration.ZERO);

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
    }

    public static RetryPolicy fixed(int retries, Duration delay) {
        return new RetryPolicy(retries, delay, false, delay);
    }

    public static RetryPolicy exponential(int retries, Duration firstDelay, Duration maxDelay) {
        return new RetryPolicy(retries, firstDelay, true, maxDelay);
    }

    /**
     * How long to wait after try number {@code failedTry} (1 for the first try) failed, before the next try.
     * Fixed: always {@code retryDelay}. Exponential: {@code retryDelay * 2^(failedTry - 1)}, never more than
     * {@code maxDelay}. (Airflow adds a deterministic jitter on top; we leave it out so tests can check exact times.)
     */
    public Duration delayAfterTry(int failedTry) {
        // BEGIN SOLUTION step 6
        if (!exponential) {
            return retryDelay;
        }
        int doublings = Math.min(Math.max(failedTry - 1, 0), 30);
        Duration delay = retryDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        // END SOLUTION
    }
}
