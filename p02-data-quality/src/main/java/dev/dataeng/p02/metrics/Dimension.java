package dev.dataeng.p02.metrics;

import java.util.Locale;

/** The quality dimensions teams report, each a share between 0 and 1 ({@code numerator / denominator}). */
public enum Dimension {
    /** Bronze values present (not empty) per column. */
    COMPLETENESS,
    /** Bronze records that meet the contract (types, required values, codes, amounts), per column and table. */
    VALIDITY,
    /** Valid records that are the only one of their business key (no replay, no earlier version). */
    UNIQUENESS,
    /** Deduplicated records that pass the quarantining checks (referential integrity, business rules). */
    CONSISTENCY,
    /** Silver rows whose latest version arrived within the declared delay of the business event. */
    TIMELINESS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
