package dev.dataeng.p03.warehouse;

import java.time.LocalDate;

/** One row of {@code dim_date}: a calendar day with its civil and Indian fiscal (April-March) attributes. */
public record CalendarDay(int dateKey, LocalDate fullDate, int year, int quarter, int month, String monthName,
        String yearMonth, int dayOfMonth, int dayOfWeek, String dayName, boolean weekend, int isoWeek,
        int fiscalYear, String fiscalYearLabel, int fiscalQuarter, int fiscalMonth) {
}
