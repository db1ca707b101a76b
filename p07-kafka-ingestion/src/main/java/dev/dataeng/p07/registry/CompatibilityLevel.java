package dev.dataeng.p07.registry;

/**
 * Confluent's compatibility levels. BACKWARD (the default): a consumer on the new schema reads data written with the
 * previous one. FORWARD: a consumer still on the previous schema reads data written with the new one. FULL: both.
 * The {@code _TRANSITIVE} forms check against every earlier version, not only the latest.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** New schema as reader, earlier as writer. */
    public boolean newReadsOld() {
        return this != NONE && !name().startsWith("FORWARD");
    }

    /** Earlier schema as reader, new as writer. */
    public boolean oldReadsNew() {
        return name().startsWith("FORWARD") || name().startsWith("FULL");
    }
}
