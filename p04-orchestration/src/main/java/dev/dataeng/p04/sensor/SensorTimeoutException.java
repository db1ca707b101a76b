package dev.dataeng.p04.sensor;

import dev.dataeng.p04.dag.NonRetryableTaskException;

/** The awaited condition never came true within the sensor's timeout (Airflow's {@code AirflowSensorTimeout}). */
public class SensorTimeoutException extends NonRetryableTaskException {
    public SensorTimeoutException(String message) {
        super(message);
    }
}
