package dev.dataeng.p01.validate;

import java.util.List;

/**
 * A record after validation: typed, normalised values ready to insert, or the reasons it must be quarantined.
 *
 * @param values  one typed value per schema column (String, Long, BigDecimal, Boolean, LocalDate,
 *                OffsetDateTime in UTC, or null); meaningful only when {@code reasons} is empty
 * @param reasons every reason the record failed; empty when it is valid
 */
public record ValidatedRow(Object[] values, List<Reason> reasons) {

    public boolean isValid() {
        return reasons.isEmpty();
    }
}
