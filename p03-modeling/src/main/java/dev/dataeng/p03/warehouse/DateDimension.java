package dev.dataeng.p03.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The generated calendar {@code dim_date}. A date dimension is generated, never extracted: every day of every year
 * the facts touch is present, including days without orders, so "orders per day" can show zeros.
 */
public final class DateDimension {
    private DateDimension() {
    }

    /** Civil and fiscal attributes of one day. India's fiscal year runs April to March, named by its ending year. */
    public static CalendarDay describe(LocalDate d) {
        // BEGIN SOLUTION step 3: every attribute of the day: date key yyyymmdd, quarter, month and day names, ISO week, weekend; fiscal year April to March named by its ending year (label FY2025-26), fiscal quarter and month
        int month = d.getMonthValue();
        int fiscalYear = month >= 4 ? d.getYear() + 1 : d.getYear();
        int fiscalMonth = (month + 8) % 12 + 1;
        int fiscalQuarter = (fiscalMonth - 1) / 3 + 1;
        String label = "FY" + (fiscalYear - 1) + "-" + String.format("%02d", fiscalYear % 100);
        return new CalendarDay(d.getYear() * 10_000 + month * 100 + d.getDayOfMonth(), d, d.getYear(),
                (month - 1) / 3 + 1, month, d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                String.format("%04d-%02d", d.getYear(), month), d.getDayOfMonth(), d.getDayOfWeek().getValue(),
                d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), d.getDayOfWeek().getValue() >= 6,
                d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), fiscalYear, label, fiscalQuarter, fiscalMonth);
        // END SOLUTION
    }

    /** Makes sure every day of {@code year} is in dim_date (idempotent: a complete year is left alone). */
    public static void ensureYear(Connection c, int year) throws SQLException {
        LocalDate first = LocalDate.of(year, 1, 1);
        int days = first.lengthOfYear();
        if (Sql.scalar(c, "SELECT COUNT(*) FROM dim_date WHERE calendar_year = " + year) == days) {
            return;
        }
        Sql.update(c, "DELETE FROM dim_date WHERE calendar_year = " + year);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dim_date (date_key, full_date, calendar_year, "
                + "calendar_quarter, month_number, month_name, year_month, day_of_month, day_of_week, day_name, is_weekend, iso_week, "
                + "fiscal_year, fiscal_year_label, fiscal_quarter, fiscal_month) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < days; i++) {
                CalendarDay d = describe(first.plusDays(i));
                ps.setInt(1, d.dateKey());
                ps.setObject(2, d.fullDate());
                ps.setInt(3, d.year());
                ps.setInt(4, d.quarter());
                ps.setInt(5, d.month());
                ps.setString(6, d.monthName());
                ps.setString(7, d.yearMonth());
                ps.setInt(8, d.dayOfMonth());
                ps.setInt(9, d.dayOfWeek());
                ps.setString(10, d.dayName());
                ps.setBoolean(11, d.weekend());
                ps.setInt(12, d.isoWeek());
                ps.setInt(13, d.fiscalYear());
                ps.setString(14, d.fiscalYearLabel());
                ps.setInt(15, d.fiscalQuarter());
                ps.setInt(16, d.fiscalMonth());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
