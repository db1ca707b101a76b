package dev.dataeng.p02.checks;

/**
 * What one check found in one run.
 *
 * @param status      PASS, WARN (failed, severity warn) or FAIL (failed, severity error)
 * @param observed    the measured value, in words ("3 failing rows", "0 rows", "newest is 50 h old")
 * @param failingRows rows failing the check now (row-level and custom SQL checks)
 * @param quarantined rows this check moved to quarantine while the layer was built
 */
public record CheckResult(Check check, String status, String observed, long failingRows, long quarantined,
        String message) {

    public static final String PASS = "PASS";
    public static final String WARN = "WARN";
    public static final String FAIL = "FAIL";

    public boolean blocking() {
        return FAIL.equals(status);
    }

    /** One line naming the check, for a terminal or a log. */
    public String oneLine() {
        return "check " + check.name() + " (" + check.severity().name().toLowerCase() + ", " + check.type().name()
                .toLowerCase() + " on " + check.table() + ") " + status + ": " + message;
    }
}
