package dev.dataeng.p01.ingest;

/** One row of the ingestion log (see {@link IngestionLog}). */
public record LogEntry(long ingestionId, String dataset, String fileName, long fileSize, String sha256,
        int schemaVersion, String status, long rowsRead, long rowsLoaded, long rowsQuarantined, long rowsDuplicate) {
}
