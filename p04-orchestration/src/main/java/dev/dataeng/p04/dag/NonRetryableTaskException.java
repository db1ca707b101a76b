package dev.dataeng.p04.dag;

/**
 * A failure that retrying cannot fix (bad data, a sensor that timed out): the task goes straight to FAILED even if
 * it has retries left. Airflow's {@code AirflowFailException} / {@code AirflowSensorTimeout}.
 */
public class NonRetryableTaskException extends RuntimeException {
    public NonRetryableTaskException(String message) {
        super(message);
    }
}
