package dev.dataeng.p01.ingest;

import dev.dataeng.p01.load.Inserter;
import dev.dataeng.p01.load.KeyTracker;
import dev.dataeng.p01.load.QuarantineTable;
import dev.dataeng.p01.load.SqlNames;
import dev.dataeng.p01.load.TargetTable;
import dev.dataeng.p01.read.RawRecord;
import dev.dataeng.p01.read.RecordReader;
import dev.dataeng.p01.read.RecordReaders;
import dev.dataeng.p01.schema.DatasetSchema;
import dev.dataeng.p01.validate.Reason;
import dev.dataeng.p01.validate.ReasonCode;
import dev.dataeng.p01.validate.RowValidator;
import dev.dataeng.p01.validate.ValidatedRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Ingests one file with one schema: decide from the ingestion log, then read, validate, de-duplicate, and insert
 * the rows and the quarantined records in batches, all in ONE transaction that also marks the log COMPLETED. A
 * crash anywhere before the commit leaves none of the file's rows behind; the rerun loads it whole.
 */
public final class FileIngester {

    /** Counts of one load. */
    record Counts(long read, long loaded, long quarantined, long duplicates) {
    }

    private final Connection connection;
    private final IngestOptions options;

    public FileIngester(Connection connection, IngestOptions options) {
        // Fault injection for the crash test, outside the learner's code: the connection itself halts the JVM
        // once crashAfterBatches × batchSize rows have been sent (see CrashingConnection).
        this.connection = options.crashAfterBatches() > 0
                ? CrashingConnection.wrap(connection, (long) options.crashAfterBatches() * options.batchSize())
                : connection;
        this.options = options;
    }

    public FileResult ingest(DatasetSchema schema, Path file, String fileName) throws SQLException, IOException {
        long start = System.nanoTime();
        TargetTable target = new TargetTable(schema, SqlNames.of(connection));
        connection.setAutoCommit(true);
        IngestionLog.create(connection);
        QuarantineTable.create(connection);
        target.create(connection);

        FileFingerprint fingerprint = FileFingerprint.of(file);
        Decision decision = IngestionLog.decide(
                IngestionLog.history(connection, schema.dataset(), fileName, fingerprint.sha256()), fileName,
                fingerprint, schema.schemaVersion());
        LogEntry previous = decision.previous();
        if (decision.action() == Decision.Action.SKIP) {
            return new FileResult(fileName, schema.dataset(), FileResult.Status.ALREADY_LOADED,
                    previous.ingestionId(), previous.rowsRead(), 0, 0, 0, seconds(start),
                    "same bytes (sha256 " + fingerprint.sha256().substring(0, 12) + "…) loaded by ingestion #"
                            + previous.ingestionId() + (previous.fileName().equals(fileName) ? ""
                            : " from " + previous.fileName()));
        }
        if (decision.action() == Decision.Action.CHANGED && !options.replaceChanged()) {
            String why = previous.schemaVersion() != schema.schemaVersion()
                    ? "schema version " + previous.schemaVersion() + " -> " + schema.schemaVersion()
                    : "sha256 " + previous.sha256().substring(0, 12) + "… -> " + fingerprint.sha256().substring(0, 12)
                            + "…, " + previous.fileSize() + " -> " + fingerprint.size() + " bytes";
            String message = "changed since ingestion #" + previous.ingestionId() + " (" + why
                    + "); not loaded, rerun with --replace-changed to replace its rows";
            long id = IngestionLog.start(connection, schema.dataset(), fileName, fingerprint, schema.schemaVersion(),
                    schema.table(), "REFUSED", message);
            return new FileResult(fileName, schema.dataset(), FileResult.Status.CHANGED_REFUSED, id, 0, 0, 0, 0,
                    seconds(start), message);
        }
        for (long abandoned : decision.abandonedRuns()) {
            IngestionLog.setStatus(connection, abandoned, "ABORTED",
                    "did not finish (process died); its transaction was rolled back");
        }
        long id = IngestionLog.start(connection, schema.dataset(), fileName, fingerprint, schema.schemaVersion(),
                schema.table(), "RUNNING", null);

        connection.setAutoCommit(false);
        try {
            for (long abandoned : decision.abandonedRuns()) {
                target.deleteIngestion(connection, abandoned);
                QuarantineTable.deleteIngestion(connection, abandoned);
            }
            if (previous != null) {
                target.deleteIngestion(connection, previous.ingestionId());
                QuarantineTable.deleteIngestion(connection, previous.ingestionId());
                IngestionLog.setStatus(connection, previous.ingestionId(), "REPLACED",
                        "file changed; replaced by ingestion #" + id);
            }
            Counts counts = load(schema, target, file, fileName, id);
            IngestionLog.finish(connection, id, "COMPLETED", counts.read(), counts.loaded(), counts.quarantined(),
                    counts.duplicates(), null);
            connection.commit();
            return new FileResult(fileName, schema.dataset(),
                    previous != null ? FileResult.Status.REPLACED : FileResult.Status.LOADED, id, counts.read(),
                    counts.loaded(), counts.quarantined(), counts.duplicates(), seconds(start), "");
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            SQLException clash = uniqueViolation(e);
            String message = clash != null
                    ? "a unique key of this file is already in " + schema.table() + " (loaded from another file?): "
                            + shorten(Errors.databaseSays(clash))
                    : e instanceof TooManyBadRecords ? e.getMessage() + "; nothing of the file is loaded"
                    : Errors.describe(e);
            IngestionLog.finish(connection, id, "FAILED", 0, 0, 0, 0, message);
            return new FileResult(fileName, schema.dataset(), FileResult.Status.FAILED, id, 0, 0, 0, 0,
                    seconds(start), message);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Streams the file through the validator and the key tracker: valid new rows are inserted, exact repeats
     * counted as duplicates, everything else quarantined with its reasons; more bad records than the schema allows
     * fail the file. This thread reads and validates while an {@link Inserter} thread sends batches of
     * {@code batchSize} to the database. Runs inside the caller's transaction and does not commit.
     */
    Counts load(DatasetSchema schema, TargetTable target, Path file, String fileName, long ingestionId)
            throws SQLException, IOException {
        // BEGIN SOLUTION step 6
        RowValidator validator = new RowValidator(schema);
        KeyTracker keys = new KeyTracker(schema);
        Progress progress = new Progress(fileName, file.toFile().length(), options.progress());
        long read = 0;
        long loaded = 0;
        long quarantined = 0;
        long duplicates = 0;
        try (RecordReader reader = RecordReaders.open(file, schema);
                Inserter inserter = new Inserter(connection, target, ingestionId, schema.dataset(), fileName,
                        options.batchSize())) {
            while (reader.hasNext()) {
                RawRecord record = reader.next();
                read++;
                ValidatedRow row = validator.validate(record);
                List<Reason> reasons = row.reasons();
                if (row.isValid()) {
                    switch (keys.offer(row.values())) {
                        case NEW -> {
                            inserter.row(row.values(), record.recordNo());
                            loaded++;
                        }
                        case DUPLICATE -> duplicates++;
                        case CONFLICT -> reasons = List.of(new Reason(ReasonCode.KEY_CONFLICT, "",
                                keys.describeKey(schema, row.values())
                                        + " was seen earlier in this file with different values"));
                    }
                }
                if (!reasons.isEmpty()) {
                    inserter.quarantine(record.recordNo(), record.lineNo(), reasons, record.raw().get());
                    quarantined++;
                    String tooMany = schema.badRecords().exceeded(read, quarantined, false);
                    if (tooMany != null) {
                        throw new TooManyBadRecords(tooMany + " (line " + record.lineNo() + ")");
                    }
                }
                progress.tick(read, reader.bytesRead());
            }
            String tooMany = schema.badRecords().exceeded(read, quarantined, true);
            if (tooMany != null) {
                throw new TooManyBadRecords(tooMany);
            }
            inserter.finish();
        }
        return new Counts(read, loaded, quarantined, duplicates);
        // END SOLUTION
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** SQLSTATE 23505 (H2, PostgreSQL and the standard): a unique constraint was violated; null if not. */
    private static SQLException uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException sql ? sql : null; s != null; s = s.getNextException()) {
                if ("23505".equals(s.getSQLState())) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

}
