package dev.dataeng.p01.schema;

import java.util.List;

/**
 * How the files of a dataset are written: what the readers and the value parsers must accept.
 *
 * @param delimiter         CSV field separator
 * @param quote             CSV quote character
 * @param encoding          character set of the file (a UTF-8 byte order mark is skipped whatever it says)
 * @param nullValues        texts (after trimming) that mean "no value"
 * @param dateFormats       accepted date patterns, tried in order ({@code yyyy-MM-dd}, {@code dd/MM/yyyy})
 * @param timestampFormats  accepted timestamp patterns, tried in order; {@code ISO} is ISO-8601 with an offset
 * @param timeZone          zone of timestamps written without an offset
 * @param decimalSeparators characters accepted as the decimal point ({@code .} and {@code ,})
 * @param trueValues        texts read as true (ignoring case)
 * @param falseValues       texts read as false (ignoring case)
 */
public record InputOptions(char delimiter, char quote, String encoding, List<String> nullValues,
        List<String> dateFormats, List<String> timestampFormats, String timeZone, List<String> decimalSeparators,
        List<String> trueValues, List<String> falseValues) {
}
