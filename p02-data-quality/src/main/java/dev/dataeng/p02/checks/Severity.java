package dev.dataeng.p02.checks;

/** What a failed check does: {@code warn} is reported, {@code error} also blocks promotion to the next layer. */
public enum Severity {
    WARN, ERROR
}
