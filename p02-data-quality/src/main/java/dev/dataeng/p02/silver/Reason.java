package dev.dataeng.p02.silver;

import java.util.Locale;

/** Why a bronze record was quarantined: the {@code reason} column of {@code dq.quarantine}. */
public enum Reason {
    // schema enforcement (ValueConformer)
    MISSING_REQUIRED, BAD_DATE, WRONG_TYPE, NEGATIVE_AMOUNT, UNKNOWN_CODE,
    // quarantining checks (checks.yaml, quarantine: true)
    ORPHAN_KEY, PARENT_QUARANTINED, FAILED_CHECK;

    /** The value stored in the database, e.g. {@code bad_date}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
