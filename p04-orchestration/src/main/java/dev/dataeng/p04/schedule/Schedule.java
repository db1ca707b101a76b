package dev.dataeng.p04.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a DAG's data intervals begin: a cron expression or a fixed interval. Airflow's timetables
 * ({@code CronDataIntervalTimetable}, {@code DeltaDataIntervalTimetable}).
 */
public interface Schedule {

    /** The first interval start at or after {@code startDate}. */
    Instant firstStartAtOrAfter(Instant startDate);

    /** The interval start that follows {@code start} (so {@code [start, following(start))} is one interval). */
    Instant following(Instant start);

    /** The text it was made from, e.g. {@code @daily} or {@code PT6H}. */
    String expression();

    /** The data interval that begins at {@code start}. */
    default DataInterval intervalStartingAt(Instant start) {
        return new DataInterval(start, following(start));
    }

    /**
     * {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}, a 5-field Unix cron
     * expression, or an ISO-8601 duration such as {@code PT6H} (a fixed interval from the start date).
     */
    static Schedule parse(String expression) {
        String e = expression.trim();
        if (e.startsWith("P") || e.startsWith("p")) {
            try {
                return new IntervalSchedule(Duration.parse(e));
            } catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("not an ISO-8601 duration: '" + e + "'");
            }
        }
        return new CronSchedule(e);
    }
}
