package dev.dataeng.p04.schedule;

import java.time.Duration;
import java.time.Instant;

/** Every {@code every}, counted from the DAG's start date (Airflow: {@code schedule=timedelta(hours=6)}). */
public record IntervalSchedule(Duration every) implements Schedule {
    public IntervalSchedule {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, was " + every);
        }
    }

    @Override
    public Instant firstStartAtOrAfter(Instant startDate) {
        return startDate;
    }

    @Override
    public Instant following(Instant start) {
        return start.plus(every);
    }

    @Override
    public String expression() {
        return every.toString();
    }
}
