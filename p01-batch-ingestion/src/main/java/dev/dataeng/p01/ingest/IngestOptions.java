package dev.dataeng.p01.ingest;

import java.io.PrintStream;

/**
 * How to run an ingestion.
 *
 * @param batchSize          rows per JDBC batch
 * @param replaceChanged     reload a file whose bytes changed since it was loaded, replacing its earlier rows
 * @param crashAfterBatches  fault injection for the crash-and-rerun test: halt the JVM (no cleanup, like a
 *                           power cut) once this many batches' worth of rows ({@code crashAfterBatches × batchSize})
 *                           have been sent to the database; done by the connection ({@link CrashingConnection}),
 *                           not by the loading code; 0 for never
 * @param progress           where progress lines go on big files (null: none)
 */
public record IngestOptions(int batchSize, boolean replaceChanged, int crashAfterBatches, PrintStream progress) {

    public static IngestOptions defaults() {
        return new IngestOptions(1000, false, 0, null);
    }

    public IngestOptions withReplaceChanged(boolean replace) {
        return new IngestOptions(batchSize, replace, crashAfterBatches, progress);
    }
}
