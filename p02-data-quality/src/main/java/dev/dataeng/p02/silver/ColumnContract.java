package dev.dataeng.p02.silver;

import java.util.List;

/**
 * What silver promises about one column: its type, what an empty value becomes ({@link NullRule}: quarantine the
 * record, load a declared default, or keep NULL), the codes it may hold (conformed to their canonical spelling), and
 * whether it is an amount that can never be negative.
 */
public record ColumnContract(String name, SilverType type, NullRule onNull, List<String> allowedValues,
        boolean nonNegative) {

    /** A column whose empty value quarantines the record. */
    public static ColumnContract of(String name, SilverType type) {
        return new ColumnContract(name, type, NullRule.QUARANTINE, List.of(), false);
    }

    /** True when silver never holds NULL here (the value is required, or defaulted). */
    public boolean required() {
        return onNull.kind() != NullRule.Kind.KEEP;
    }

    /** on_null: keep. */
    public ColumnContract optional() {
        return new ColumnContract(name, type, NullRule.KEEP, allowedValues, nonNegative);
    }

    /** on_null: default {@code value} (raw text, conformed like any value of the column). */
    public ColumnContract orDefault(String value) {
        return new ColumnContract(name, type, NullRule.defaultTo(value), allowedValues, nonNegative);
    }

    /** The same column with on_null: quarantine (a default must itself pass the column's rules). */
    public ColumnContract withoutDefault() {
        return new ColumnContract(name, type, NullRule.QUARANTINE, allowedValues, nonNegative);
    }

    public ColumnContract oneOf(List<String> codes) {
        return new ColumnContract(name, type, onNull, List.copyOf(codes), nonNegative);
    }

    public ColumnContract amount() {
        return new ColumnContract(name, type, onNull, allowedValues, true);
    }
}
