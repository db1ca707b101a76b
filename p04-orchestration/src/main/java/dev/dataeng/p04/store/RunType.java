package dev.dataeng.p04.store;

import java.util.Locale;

/** Why a DAG run exists; the prefix of its run id, as in Airflow ({@code scheduled__2025-01-01T00:00:00+00:00}). */
public enum RunType {
    SCHEDULED, MANUAL, BACKFILL;

    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
