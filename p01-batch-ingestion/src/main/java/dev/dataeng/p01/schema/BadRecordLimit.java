package dev.dataeng.p01.schema;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * When a file is too bad to be a successful ingestion: BigQuery's {@code max_bad_records}, Snowflake's
 * {@code ON_ERROR = ABORT_STATEMENT | SKIP_FILE_<n> | SKIP_FILE_<n>%}. A file of random bytes whose every "record"
 * lands in quarantine is not loaded data, it is the wrong file.
 *
 * @param maxBadRecords  most quarantined records a file may have ({@code -1}: no count limit)
 * @param maxBadFraction largest share of a file's records that may be quarantined, 0..1 (1: no share limit)
 */
public record BadRecordLimit(long maxBadRecords, double maxBadFraction) {

    /** The default: a file more than half of whose records are bad fails; no count limit. */
    public static final BadRecordLimit DEFAULT = new BadRecordLimit(-1, 0.5);

    /**
     * Why a file with {@code bad} quarantined records out of {@code read} breaks the limit, or null if it does not.
     * While the file is still being read ({@code endOfFile} false) only the count can be judged (a share of a
     * part says nothing of the whole), so the load stops at the first record over {@code maxBadRecords}; at the
     * end both are judged.
     */
    public String exceeded(long read, long bad, boolean endOfFile) {
        // BEGIN SOLUTION step 6: count first (at any time), share only at the end of the file, read > 0
        if (maxBadRecords >= 0 && bad > maxBadRecords) {
            return String.format(Locale.ROOT, "too many bad records: %,d of the first %,d records quarantined, "
                    + "above the schema's maxBadRecords %,d", bad, read, maxBadRecords);
        }
        if (endOfFile && read > 0 && bad > maxBadFraction * read) {
            return String.format(Locale.ROOT, "too many bad records: %,d of %,d records quarantined (%.1f%%), "
                    + "above the schema's maxBadFraction %s (%.1f%%)", bad, read, 100.0 * bad / read,
                    BigDecimal.valueOf(maxBadFraction).stripTrailingZeros().toPlainString(), 100 * maxBadFraction);
        }
        return null;
        // END SOLUTION
    }
}
