package dev.dataeng.p01.validate;

/** Why a record was quarantined. A record carries every reason that applies to it. */
public enum ReasonCode {
    /** The record cannot be split into the schema's columns (field count, not a JSON object). */
    MALFORMED_RECORD,
    /** The record's bytes are not valid in the schema's encoding (ISO-8859-1 bytes in a UTF-8 file). */
    BAD_ENCODING,
    /** A required column is empty. */
    MISSING_REQUIRED,
    /** A date or timestamp column holds no valid date or time in any accepted format. */
    BAD_DATE,
    /** A number or boolean column holds text that is none. */
    WRONG_TYPE,
    /** A number, date or timestamp outside the column's min/max, or a number with more digits than the column holds. */
    OUT_OF_RANGE,
    /** A code that is not one of the column's allowed values. */
    NOT_ALLOWED,
    /** A text that does not match the column's pattern. */
    PATTERN_MISMATCH,
    /** A text longer than the column's maxLength. */
    TOO_LONG,
    /** The unique key was seen earlier in the file with different values (a later correction, a clash). */
    KEY_CONFLICT
}
