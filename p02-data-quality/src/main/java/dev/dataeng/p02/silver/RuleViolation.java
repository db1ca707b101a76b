package dev.dataeng.p02.silver;

/** A raw value that breaks its column's contract: the row goes to quarantine with this reason. */
public final class RuleViolation extends Exception {
    private final Reason reason;
    private final String column;

    public RuleViolation(Reason reason, String column, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.column = column;
    }

    public Reason reason() {
        return reason;
    }

    public String column() {
        return column;
    }
}
