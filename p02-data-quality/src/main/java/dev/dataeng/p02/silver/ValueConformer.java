package dev.dataeng.p02.silver;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Schema enforcement for one value: turns the raw text of a bronze column into the typed, conformed value silver
 * stores, or says why it cannot.
 *
 * <p>Cosmetic differences are normalised, because the value is right, only written differently: surrounding spaces,
 * codes in the wrong case, {@code dd/MM/yyyy} dates and {@code yyyy-MM-dd HH:mm:ss} timestamps, decimal commas,
 * yes/no booleans. Anything else that does not fit is a {@link RuleViolation}: the row is quarantined, never
 * guessed at.
 */
public final class ValueConformer {

    static final DateTimeFormatter ALT_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter ALT_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+([.,]\\d+)?");
    private static final List<String> TRUE_WORDS = List.of("true", "yes", "y", "1");
    private static final List<String> FALSE_WORDS = List.of("false", "no", "n", "0");

    private ValueConformer() {
    }

    /**
     * @param column the column's contract
     * @param raw    the bronze text (may be null or empty)
     * @return the value to store: String, Long, BigDecimal, Boolean, LocalDate, LocalDateTime (UTC); for an empty
     *         value what the column's {@link NullRule} says: null ({@code keep}) or the conformed default
     * @throws RuleViolation when the value breaks the contract (reason and column say which rule)
     */
    public static Object conform(ColumnContract column, String raw) throws RuleViolation {
        // BEGIN SOLUTION step 3: strip, then empty -> the column's NullRule (quarantine: MISSING_REQUIRED, keep: null, default: conform the default's text); parse by type (alt date formats, decimal comma, yes/no); conform codes case-insensitively; reject negatives
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return switch (column.onNull().kind()) {
                case QUARANTINE -> throw new RuleViolation(Reason.MISSING_REQUIRED, column.name(),
                        column.name() + " is empty");
                case KEEP -> null;
                case DEFAULT -> conform(column.withoutDefault(), column.onNull().defaultValue());
            };
        }
        Object value = switch (column.type()) {
            case TEXT -> text;
            case INTEGER -> {
                if (!INTEGER.matcher(text).matches()) {
                    throw wrongType(column, text);
                }
                yield Long.parseLong(text);
            }
            case DECIMAL -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw wrongType(column, text);
                }
                yield new BigDecimal(text.replace(',', '.'));
            }
            case BOOLEAN -> {
                String word = text.toLowerCase(Locale.ROOT);
                if (TRUE_WORDS.contains(word)) {
                    yield Boolean.TRUE;
                }
                if (FALSE_WORDS.contains(word)) {
                    yield Boolean.FALSE;
                }
                throw wrongType(column, text);
            }
            case DATE -> parseDate(column, text);
            case TIMESTAMP -> parseTimestamp(column, text);
        };
        if (!column.allowedValues().isEmpty()) {
            value = column.allowedValues().stream().filter(code -> code.equalsIgnoreCase(text)).findFirst()
                    .orElseThrow(() -> new RuleViolation(Reason.UNKNOWN_CODE, column.name(),
                            column.name() + " '" + text + "' is not one of " + column.allowedValues()));
        }
        if (column.nonNegative() && value instanceof Number number && new BigDecimal(number.toString()).signum() < 0) {
            throw new RuleViolation(Reason.NEGATIVE_AMOUNT, column.name(), column.name() + " " + text + " < 0");
        }
        return value;
        // END SOLUTION
    }

    /**
     * @return the columns of this raw record whose empty value is replaced by the column's declared default (what
     *         {@code dq.defaulted} records, so that no default is silent)
     */
    public static List<ColumnContract> defaulted(TableContract table, List<String> raw) {
        // BEGIN SOLUTION step 3: the columns whose NullRule is DEFAULT and whose raw value is empty after strip
        List<ColumnContract> out = new java.util.ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnContract column = table.columns().get(i);
            String value = raw.get(i);
            if (column.onNull().kind() == NullRule.Kind.DEFAULT && (value == null || value.strip().isEmpty())) {
                out.add(column);
            }
        }
        return out;
        // END SOLUTION
    }

    private static RuleViolation wrongType(ColumnContract column, String text) {
        return new RuleViolation(Reason.WRONG_TYPE, column.name(),
                column.name() + " '" + text + "' is no " + column.type().name().toLowerCase(Locale.ROOT));
    }

    private static LocalDate parseDate(ColumnContract column, String text) throws RuleViolation {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException iso) {
            try {
                return LocalDate.parse(text, ALT_DATE);
            } catch (DateTimeParseException alt) {
                throw new RuleViolation(Reason.BAD_DATE, column.name(), column.name() + " '" + text + "' is no date");
            }
        }
    }

    private static LocalDateTime parseTimestamp(ColumnContract column, String text) throws RuleViolation {
        try {
            return LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
        } catch (DateTimeParseException iso) {
            try {
                return LocalDateTime.parse(text, ALT_TIMESTAMP);
            } catch (DateTimeParseException alt) {
                throw new RuleViolation(Reason.BAD_DATE, column.name(),
                        column.name() + " '" + text + "' is no timestamp");
            }
        }
    }
}
