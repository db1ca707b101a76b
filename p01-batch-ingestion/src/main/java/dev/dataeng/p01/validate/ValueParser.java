package dev.dataeng.p01.validate;

import dev.dataeng.p01.schema.ColumnSpec;
import dev.dataeng.p01.schema.InputOptions;
import dev.dataeng.p01.schema.SchemaLoader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the text of one column into its typed, normalised value, or says why it cannot. Built once per column
 * from the schema (formatters and patterns compiled up front), then called for every record.
 */
public final class ValueParser {

    /** A typed value, or the reason there is none. Exactly one of the two is set, unless the value is null. */
    public record Result(Object value, Reason reason) {
        static Result ok(Object value) {
            return new Result(value, null);
        }
    }

    private final ColumnSpec column;
    private final Set<String> nullValues;
    private final List<DateTimeFormatter> dateFormats = new ArrayList<>();
    private final List<DateTimeFormatter> timestampFormats = new ArrayList<>();
    private final List<String> datePatterns;
    private final List<String> timestampPatterns;
    private final ZoneId zone;
    private final boolean decimalComma;
    private final Set<String> trueValues = new HashSet<>();
    private final Set<String> falseValues = new HashSet<>();
    private final Map<String, String> allowed = new HashMap<>();
    private final Pattern pattern;

    public ValueParser(ColumnSpec column, InputOptions options) {
        this.column = column;
        this.nullValues = Set.copyOf(options.nullValues());
        this.datePatterns = options.dateFormats();
        this.timestampPatterns = options.timestampFormats();
        for (String f : options.dateFormats()) {
            dateFormats.add(strict(f));
        }
        for (String f : options.timestampFormats()) {
            timestampFormats.add(f.equals("ISO") ? DateTimeFormatter.ISO_OFFSET_DATE_TIME : strict(f));
        }
        this.zone = ZoneId.of(options.timeZone());
        this.decimalComma = options.decimalSeparators().contains(",");
        options.trueValues().forEach(v -> trueValues.add(v.toLowerCase(Locale.ROOT)));
        options.falseValues().forEach(v -> falseValues.add(v.toLowerCase(Locale.ROOT)));
        column.allowedValues().forEach(v -> allowed.put(v.toUpperCase(Locale.ROOT), v));
        this.pattern = column.pattern() == null ? null : Pattern.compile(column.pattern());
    }

    /** A pattern parsed strictly (no 30 February), {@code yyyy} meaning the proleptic year. */
    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    public ColumnSpec column() {
        return column;
    }

    /** Trims, maps null texts to null, checks required, then parses by type and checks the constraints. */
    public Result parse(String text) {
        String value = normalise(text);
        if (value == null) {
            return column.required()
                    ? new Result(null, new Reason(ReasonCode.MISSING_REQUIRED, column.name(), "no value"))
                    : Result.ok(null);
        }
        return switch (column.type()) {
            case STRING -> parseString(value);
            case INTEGER -> parseInteger(value);
            case DECIMAL -> parseDecimal(value);
            case BOOLEAN -> parseBoolean(value);
            case DATE -> parseDate(value);
            case TIMESTAMP -> parseTimestamp(value);
        };
    }

    /** Surrounding spaces removed; an empty text or one of the schema's null values becomes null. */
    String normalise(String text) {
        // BEGIN SOLUTION step 4
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() || nullValues.contains(trimmed) ? null : trimmed;
        // END SOLUTION
    }

    Result parseString(String value) {
        // BEGIN SOLUTION step 4
        if (!allowed.isEmpty()) {
            String canonical = allowed.get(value.toUpperCase(Locale.ROOT));
            return canonical != null ? Result.ok(canonical)
                    : fail(ReasonCode.NOT_ALLOWED, "'" + value + "' is not one of " + column.allowedValues());
        }
        String cased = column.letterCase() == null ? value
                : column.letterCase().equals("upper") ? value.toUpperCase(Locale.ROOT)
                : value.toLowerCase(Locale.ROOT);
        if (column.maxLength() > 0 && cased.length() > column.maxLength()) {
            return fail(ReasonCode.TOO_LONG, cased.length() + " characters, at most " + column.maxLength());
        }
        if (pattern != null && !pattern.matcher(cased).matches()) {
            return fail(ReasonCode.PATTERN_MISMATCH, "'" + cased + "' does not match " + column.pattern());
        }
        return Result.ok(cased);
        // END SOLUTION
    }

    Result parseInteger(String value) {
        // BEGIN SOLUTION step 4
        long number;
        try {
            number = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            return fail(ReasonCode.WRONG_TYPE, "'" + value + "' is not an integer");
        }
        return inRange(BigDecimal.valueOf(number), number);
        // END SOLUTION
    }

    Result parseDecimal(String value) {
        // BEGIN SOLUTION step 4
        String text = decimalComma && value.indexOf(',') >= 0 && value.indexOf('.') < 0
                ? value.replace(',', '.') : value;
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return fail(ReasonCode.WRONG_TYPE, "'" + value + "' is not a decimal number");
        }
        if (number.stripTrailingZeros().scale() > column.scale()) {
            return fail(ReasonCode.OUT_OF_RANGE, "'" + value + "' has more than " + column.scale() + " decimals");
        }
        BigDecimal scaled = number.setScale(column.scale(), RoundingMode.UNNECESSARY);
        if (scaled.precision() - scaled.scale() > column.precision() - column.scale()) {
            return fail(ReasonCode.OUT_OF_RANGE, "'" + value + "' has more than "
                    + (column.precision() - column.scale()) + " digits before the decimal point");
        }
        return inRange(scaled, scaled);
        // END SOLUTION
    }

    Result parseBoolean(String value) {
        // BEGIN SOLUTION step 4
        String lower = value.toLowerCase(Locale.ROOT);
        if (trueValues.contains(lower)) {
            return Result.ok(Boolean.TRUE);
        }
        if (falseValues.contains(lower)) {
            return Result.ok(Boolean.FALSE);
        }
        return fail(ReasonCode.WRONG_TYPE, "'" + value + "' is not a boolean");
        // END SOLUTION
    }

    Result parseDate(String value) {
        // BEGIN SOLUTION step 4
        for (DateTimeFormatter format : dateFormats) {
            try {
                return inTimeRange(LocalDate.parse(value, format));
            } catch (DateTimeParseException e) {
                // try the next accepted format
            }
        }
        return fail(ReasonCode.BAD_DATE, "'" + value + "' is no date in any of " + columnFormats(true));
        // END SOLUTION
    }

    Result parseTimestamp(String value) {
        // BEGIN SOLUTION step 4
        for (DateTimeFormatter format : timestampFormats) {
            try {
                TemporalAccessor t = format.parse(value);
                OffsetDateTime at = t.isSupported(ChronoField.OFFSET_SECONDS)
                        ? OffsetDateTime.from(t)
                        : t.query(TemporalQueries.localTime()) == null
                        ? LocalDate.from(t).atStartOfDay(zone).toOffsetDateTime() // a date-only format: midnight
                        : LocalDateTime.from(t).atZone(zone).toOffsetDateTime();
                return inTimeRange(at.withOffsetSameInstant(ZoneOffset.UTC));
            } catch (DateTimeException e) {
                // try the next accepted format
            }
        }
        return fail(ReasonCode.BAD_DATE, "'" + value + "' is no timestamp in any of " + columnFormats(false));
        // END SOLUTION
    }

    private Result inRange(BigDecimal number, Object value) {
        if (column.min() != null && number.compareTo(column.min()) < 0) {
            return fail(ReasonCode.OUT_OF_RANGE, number.toPlainString() + " is below the minimum " + column.min());
        }
        if (column.max() != null && number.compareTo(column.max()) > 0) {
            return fail(ReasonCode.OUT_OF_RANGE, number.toPlainString() + " is above the maximum " + column.max());
        }
        return Result.ok(value);
    }

    /** A date or timestamp against the column's min and max (a release date in 2039 is no release date). */
    private Result inTimeRange(Temporal value) {
        if (column.earliest() != null && SchemaLoader.isAfter(column.earliest(), value)) {
            return fail(ReasonCode.OUT_OF_RANGE, value + " is before the minimum " + column.earliest());
        }
        if (column.latest() != null && SchemaLoader.isAfter(value, column.latest())) {
            return fail(ReasonCode.OUT_OF_RANGE, value + " is after the maximum " + column.latest());
        }
        return Result.ok(value);
    }

    private String columnFormats(boolean dates) {
        return (dates ? datePatterns : timestampPatterns).toString();
    }

    private Result fail(ReasonCode code, String detail) {
        return new Result(null, new Reason(code, column.name(), detail));
    }
}
