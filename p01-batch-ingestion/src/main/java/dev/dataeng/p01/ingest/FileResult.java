package dev.dataeng.p01.ingest;

/**
 * What happened to one file. For a loaded file {@code read = loaded + quarantined + duplicates}.
 *
 * @param fileName    path relative to the input folder
 * @param dataset     dataset whose schema was applied (empty when none matched)
 * @param status      outcome
 * @param ingestionId id in the ingestion log (the earlier one for a skipped file; 0 when none)
 * @param message     one line for a refused or failed file, else empty
 */
public record FileResult(String fileName, String dataset, Status status, long ingestionId, long read, long loaded,
        long quarantined, long duplicates, double seconds, String message) {

    public enum Status {
        /** Loaded now. */
        LOADED,
        /** Loaded now, replacing the rows of an earlier version of the file. */
        REPLACED,
        /** Same bytes and schema version as an earlier completed ingestion: nothing new. */
        ALREADY_LOADED,
        /** A file of this name was loaded before with other bytes; refused (rerun with --replace-changed). */
        CHANGED_REFUSED,
        /** The load failed and was rolled back: nothing of the file is in the tables. */
        FAILED,
        /** No schema's file patterns match this file. */
        NO_SCHEMA
    }

    public boolean balanced() {
        return read == loaded + quarantined + duplicates;
    }
}
