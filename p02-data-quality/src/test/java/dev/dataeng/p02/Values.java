package dev.dataeng.p02;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Puts a generator value and a value read back from H2 into the same comparable text. */
final class Values {
    private Values() {
    }

    static String norm(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString();
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof BigDecimal b) {
            return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    static List<String> norm(Object... values) {
        return Arrays.stream(values).map(Values::norm).toList();
    }
}
