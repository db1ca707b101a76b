package dev.dataeng.p02.silver;

import java.util.Objects;

/**
 * What silver does with an empty value in one column, declared in its {@link ColumnContract} ({@code on_null}):
 * <ul>
 * <li>{@code quarantine}: the record goes to {@code dq.quarantine} with reason {@code missing_required};</li>
 * <li>{@code default <value>}: the record is loaded with {@code value}, which passes the same rules as a real value,
 * and the defaulted cell is recorded in {@code dq.defaulted} (counted per column in the report);</li>
 * <li>{@code keep}: the record is loaded with NULL (an optional column).</li>
 * </ul>
 * There is no {@code drop}: every record is loaded, quarantined with a reason, or counted as a duplicate.
 */
public record NullRule(Kind kind, String defaultValue) {

    public enum Kind {
        QUARANTINE, DEFAULT, KEEP
    }

    public static final NullRule QUARANTINE = new NullRule(Kind.QUARANTINE, null);
    public static final NullRule KEEP = new NullRule(Kind.KEEP, null);

    public NullRule {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.DEFAULT) != (defaultValue != null && !defaultValue.isBlank())) {
            throw new IllegalArgumentException("a default rule needs a value, the others none: " + kind + " "
                    + defaultValue);
        }
    }

    public static NullRule defaultTo(String value) {
        return new NullRule(Kind.DEFAULT, value);
    }

    /** As declared and reported, e.g. {@code default 0.00}. */
    @Override
    public String toString() {
        return kind == Kind.DEFAULT ? "default " + defaultValue : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
