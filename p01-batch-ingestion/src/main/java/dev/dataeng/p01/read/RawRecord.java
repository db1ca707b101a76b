package dev.dataeng.p01.read;

import java.util.function.Supplier;

/**
 * One record as it stands in the file, before any validation.
 *
 * @param recordNo  1-based position among the file's data records (a CSV header is no record)
 * @param lineNo    line of the file where the record starts
 * @param values    text of each schema column, in schema order (null: absent in the record)
 * @param malformed why the record cannot even be split into columns (wrong field count, not a JSON object), or null
 * @param raw       the record as written, for the quarantine table (made only for the rows that go there)
 * @param badEncoding which bytes of the record are not valid in the file's encoding, and on which line, or null
 */
public record RawRecord(long recordNo, long lineNo, String[] values, String malformed, Supplier<String> raw,
        String badEncoding) {

    /** A record whose bytes were all valid text. */
    public RawRecord(long recordNo, long lineNo, String[] values, String malformed, Supplier<String> raw) {
        this(recordNo, lineNo, values, malformed, raw, null);
    }

    /** The same record, marked as holding bytes that are not valid in the file's encoding (null: unchanged). */
    RawRecord withBadEncoding(String why) {
        return why == null ? this : new RawRecord(recordNo, lineNo, values, malformed, raw, why);
    }
}
