package dev.dataeng.p02.checks;

/**
 * The kinds of check the library knows. Row-level kinds find failing rows (and can quarantine them); table-level
 * kinds compare one observed number with a threshold.
 */
public enum CheckType {
    NOT_NULL(true), UNIQUE(true), ACCEPTED_VALUES(true), RANGE(true), REGEX(true), RELATIONSHIPS(true),
    EXPRESSION(true), ROW_COUNT(false), FRESHNESS(false), CUSTOM_SQL(false);

    private final boolean rowLevel;

    CheckType(boolean rowLevel) {
        this.rowLevel = rowLevel;
    }

    public boolean rowLevel() {
        return rowLevel;
    }
}
