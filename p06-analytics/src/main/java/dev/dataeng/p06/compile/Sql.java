package dev.dataeng.p06.compile;

import dev.dataeng.p06.project.ProjectError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The only two ways a value from configuration may enter SQL: as a validated identifier, or as a literal that the
 * database can only read as data. Anything else from a config file or {@code --vars} is refused.
 */
public final class Sql {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Sql() {
    }

    /**
     * {@code value} if it is a plain SQL identifier (letters, digits, underscore; not starting with a digit),
     * otherwise a {@link ProjectError} naming {@code what} it was meant to be.
     */
    public static String identifier(String value, String what) {
        // BEGIN SOLUTION step 6: accept only [A-Za-z_][A-Za-z0-9_]* (at most 63 chars), else throw a ProjectError naming 'what'
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new ProjectError(what + " '" + value + "' is not a plain SQL identifier "
                    + "(letters, digits and _ only, not starting with a digit)");
        }
        return value;
        // END SOLUTION
    }

    /**
     * The SQL literal for a configuration value: {@code NULL}, {@code TRUE}/{@code FALSE}, a number written as
     * digits, or a string in single quotes with every quote doubled, so that no value can end the literal and
     * continue as SQL.
     */
    public static String literal(Object value) {
        // BEGIN SOLUTION step 6: NULL, TRUE/FALSE, digits for numbers, and text in single quotes with every ' doubled
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new ProjectError("the number " + value + " has no SQL literal");
            }
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (value instanceof CharSequence || value instanceof Character) {
            String text = value.toString();
            if (text.indexOf('\0') >= 0) {
                throw new ProjectError("a text value holds a NUL character, which no SQL literal may hold");
            }
            return "'" + text.replace("'", "''") + "'";
        }
        throw new ProjectError("a " + value.getClass().getSimpleName() + " (" + value
                + ") cannot be used as a SQL value; give a text, a number or a boolean");
        // END SOLUTION
    }
}
