package dev.dataeng.p05.partitioning;

import java.time.LocalDate;

/** An inclusive range of order dates. */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("date range ends before it starts: " + from + ".." + to);
        }
    }

    public static DateRange of(String from, String to) {
        return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }

    public long days() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }
}
