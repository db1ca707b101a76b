package dev.dataeng.p04.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Which data intervals need a DAG run: catch-up on start, and backfill over a date range. */
public final class RunPlanner {
    private RunPlanner() {
    }

    /**
     * The intervals that are due at {@code now}: every interval that starts at or after {@code startDate}, starts
     * no later than {@code endDate} (if there is one), and has already ended ({@code end <= now}). With
     * {@code catchup == false} only the most recent of them: missed intervals are skipped.
     */
    public static List<DataInterval> dueIntervals(Schedule schedule, Instant startDate, Instant endDate,
            boolean catchup, Instant now) {
        // BEGIN SOLUTION step 3
        List<DataInterval> due = new ArrayList<>();
        Instant start = schedule.firstStartAtOrAfter(startDate);
        while (endDate == null || !start.isAfter(endDate)) {
            DataInterval interval = schedule.intervalStartingAt(start);
            if (interval.end().isAfter(now)) {
                break;
            }
            due.add(interval);
            start = interval.end();
        }
        if (!catchup && due.size() > 1) {
            return List.of(due.get(due.size() - 1));
        }
        return due;
        // END SOLUTION
    }

    /**
     * Backfill: every interval of the schedule (counted from {@code startDate}) whose logical date falls on a day
     * from {@code from} to {@code to}, both included (UTC days), as {@code airflow dags backfill -s from -e to}.
     */
    public static List<DataInterval> backfillIntervals(Schedule schedule, Instant startDate, LocalDate from,
            LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill range is empty: --to " + to + " is before --from " + from);
        }
        // BEGIN SOLUTION step 3
        Instant fromInstant = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant toExclusive = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<DataInterval> intervals = new ArrayList<>();
        Instant start = schedule.firstStartAtOrAfter(startDate);
        while (start.isBefore(toExclusive)) {
            DataInterval interval = schedule.intervalStartingAt(start);
            if (!start.isBefore(fromInstant)) {
                intervals.add(interval);
            }
            start = interval.end();
        }
        return intervals;
        // END SOLUTION
    }
}
