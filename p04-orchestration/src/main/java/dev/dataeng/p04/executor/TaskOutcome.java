package dev.dataeng.p04.executor;

/**
 * How one try ended.
 *
 * @param succeeded the action returned normally
 * @param retryable a failure the retry policy may retry (timeouts and ordinary exceptions are; a
 *                  {@link dev.dataeng.p04.dag.NonRetryableTaskException} is not)
 * @param error     one line saying why it failed, null on success
 */
public record TaskOutcome(boolean succeeded, boolean retryable, String error) {
    public static TaskOutcome success() {
        return new TaskOutcome(true, false, null);
    }

    public static TaskOutcome failure(String error, boolean retryable) {
        return new TaskOutcome(false, retryable, error);
    }
}
