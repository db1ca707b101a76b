package dev.dataeng.p04.schedule;

import java.time.Instant;

/**
 * The time range a DAG run is about: {@code [start, end)}. Its start is the run's logical date; the run is due
 * once {@code end} has passed, because only then is all the data of the interval there.
 */
public record DataInterval(Instant start, Instant end) {
    public DataInterval {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("data interval end " + end + " must be after its start " + start);
        }
    }
}
