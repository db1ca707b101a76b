package dev.dataeng.p02.silver;

import java.util.List;

/**
 * What silver promises about one column: its type, whether a value is required (a missing one quarantines the
 * row; an optional one becomes NULL), the codes it may hold (conformed to their canonical spelling), and whether it
 * is an amount that can never be negative.
 */
public record ColumnContract(String name, SilverType type, boolean required, List<String> allowedValues,
        boolean nonNegative) {

    public static ColumnContract of(String name, SilverType type) {
        return new ColumnContract(name, type, true, List.of(), false);
    }

    public ColumnContract optional() {
        return new ColumnContract(name, type, false, allowedValues, nonNegative);
    }

    public ColumnContract oneOf(List<String> codes) {
        return new ColumnContract(name, type, required, List.copyOf(codes), nonNegative);
    }

    public ColumnContract amount() {
        return new ColumnContract(name, type, required, allowedValues, true);
    }
}
