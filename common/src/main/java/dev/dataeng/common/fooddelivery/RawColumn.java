package dev.dataeng.common.fooddelivery;

import java.util.List;

/**
 * A column of a raw export, with what a correct schema for it would say.
 *
 * @param name          header name in the file
 * @param type          logical type
 * @param required      false where an empty value is legitimate
 * @param allowedValues the codes a correct value is one of (empty: any)
 * @param nonNegative   an amount or measure that can never be below zero
 * @param references    the table this column is a foreign key to (empty: none)
 */
public record RawColumn(String name, ColumnType type, boolean required, List<String> allowedValues,
        boolean nonNegative, String references) {

    static RawColumn of(String name, ColumnType type) {
        return new RawColumn(name, type, true, List.of(), false, "");
    }

    RawColumn optional() {
        return new RawColumn(name, type, false, allowedValues, nonNegative, references);
    }

    RawColumn oneOf(List<String> codes) {
        return new RawColumn(name, type, required, List.copyOf(codes), nonNegative, references);
    }

    RawColumn amount() {
        return new RawColumn(name, type, required, allowedValues, true, references);
    }

    RawColumn references(String table) {
        return new RawColumn(name, type, required, allowedValues, nonNegative, table);
    }

    public boolean isCode() {
        return !allowedValues.isEmpty();
    }

    public boolean isForeignKey() {
        return !references.isEmpty();
    }
}
