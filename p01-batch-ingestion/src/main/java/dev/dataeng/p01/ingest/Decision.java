package dev.dataeng.p01.ingest;

import java.util.List;

/**
 * What to do with a file, given what the ingestion log says about earlier runs on a file of the same name.
 *
 * @param action        what to do
 * @param previous      the completed ingestion of this file name, if any (skip: the one that loaded it;
 *                      changed: the one to replace)
 * @param abandonedRuns earlier runs still marked RUNNING: they crashed, their transaction never committed
 */
public record Decision(Action action, LogEntry previous, List<Long> abandonedRuns) {

    public enum Action {
        /** Never loaded (or only crashed attempts): load it. */
        LOAD,
        /** Loaded before with the same bytes and schema version: nothing to do. */
        SKIP,
        /** Loaded before, but the bytes or the schema version differ now. */
        CHANGED
    }
}
