package dev.dataeng.common.fooddelivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How one entity is laid out in a raw export file: its columns (with what a schema would say of them), its
 * business key, and how a clean entity renders to canonical text (ISO dates, {@code .} decimals, upper-case codes).
 */
public record RawTable<T>(String name, List<RawColumn> columns, List<String> key,
        Function<FoodDeliveryGenerator, Stream<T>> source, Function<T, List<String>> render) {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

    public List<String> header() {
        return columns.stream().map(RawColumn::name).toList();
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + column);
    }

    public Stream<T> rows(FoodDeliveryGenerator generator) {
        return source.apply(generator);
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(instant);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    static List<String> texts(Object... values) {
        List<String> out = new ArrayList<>(values.length);
        Arrays.stream(values).map(RawTable::text).forEach(out::add);
        return out;
    }
}
