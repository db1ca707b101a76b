package dev.dataeng.p01.validate;

/** One reason a record failed: the code, the column (empty for whole-record reasons) and what was found. */
public record Reason(ReasonCode code, String column, String detail) {

    @Override
    public String toString() {
        return code + (column.isEmpty() ? "" : " " + column) + ": " + detail;
    }
}
