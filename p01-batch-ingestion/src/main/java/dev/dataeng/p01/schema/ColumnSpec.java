package dev.dataeng.p01.schema;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.List;

/**
 * One column of a dataset: where it comes from in the file, what it must look like, where it goes.
 *
 * @param name          target column name (lower case, letters, digits and '_')
 * @param source        the header (CSV) or field (JSON) name in the file
 * @param type          logical type
 * @param required      an empty value quarantines the row
 * @param min           smallest allowed number (integer, decimal), or null
 * @param max           largest allowed number, or null
 * @param pattern       regular expression the whole text must match (string), or null
 * @param allowedValues codes the value must be one of, matched ignoring case and loaded as spelled here
 * @param maxLength     longest allowed text (string), or 0 for no limit
 * @param precision     total digits of a decimal
 * @param scale         digits after the decimal point of a decimal
 * @param letterCase    "upper", "lower" or null: how a string is normalised
 * @param earliest      earliest allowed value of a date ({@code LocalDate}) or timestamp ({@code OffsetDateTime},
 *                      UTC) column: the schema's {@code min} there, or null
 * @param latest        latest allowed value of a date or timestamp column: the schema's {@code max}, or null
 */
public record ColumnSpec(String name, String source, ColumnType type, boolean required, BigDecimal min,
        BigDecimal max, String pattern, List<String> allowedValues, int maxLength, int precision, int scale,
        String letterCase, Temporal earliest, Temporal latest) {

    public ColumnSpec {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }
}
