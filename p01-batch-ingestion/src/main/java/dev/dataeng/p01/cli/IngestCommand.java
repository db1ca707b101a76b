package dev.dataeng.p01.cli;

import dev.dataeng.p01.Cli;
import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import dev.dataeng.p01.ingest.Ingestion;
import dev.dataeng.p01.schema.DatasetSchema;
import dev.dataeng.p01.schema.SchemaLoader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ingest}: every file of a folder (or one file) into its dataset's table, once. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Load raw files into tables, validated by their dataset schema; rejected rows go to "
                + "ingest_quarantine, every file to ingestion_log. Re-running loads nothing new.")
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--schema", description = "a schema file, or a folder of them (default: the bundled "
            + "p01-batch-ingestion/schemas)")
    Path schema;

    @Option(names = "--input", description = "a file, or a folder walked recursively (default: the bundled "
            + "p01-batch-ingestion/data)")
    Path input;

    @Mixin
    Database database;

    @Option(names = "--batch-size", defaultValue = "1000", description = "rows per JDBC batch (default: "
            + "${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--replace-changed", description = "reload a file whose bytes changed since it was loaded, "
            + "replacing its earlier rows (default: refuse it and exit 3)")
    boolean replaceChanged;

    @Option(names = "--crash-after-batches", hidden = true, defaultValue = "0",
            description = "fault injection: halt the JVM after N batches of a file")
    int crashAfterBatches;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path schemaPath = schema != null ? schema : ModuleHome.schemas();
        Path inputPath = input != null ? input : ModuleHome.data();
        if (!Files.exists(inputPath)) {
            throw new UserError("input " + inputPath + " does not exist");
        }
        if (!Files.isReadable(inputPath)) {
            throw new UserError("input " + inputPath + " is not readable");
        }
        List<DatasetSchema> schemas = SchemaLoader.load(schemaPath);
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1");
        }
        // Progress lines go to stdout with the results, so they stay in order under Maven too.
        IngestOptions options = new IngestOptions(batchSize, replaceChanged, crashAfterBatches,
                new PrintStream(System.out, true));
        List<FileResult> results;
        // Column widths from the longest file and dataset names, so the per-file lines stay aligned.
        int fileWidth = Ingestion.fileNames(inputPath).stream().mapToInt(String::length).max().orElse(0);
        int datasetWidth = schemas.stream().mapToInt(s -> s.dataset().length()).max().orElse(0);
        try (Connection c = database.connect()) {
            out.printf("Ingesting %s with %d schema(s) from %s into %s%n", inputPath, schemas.size(), schemaPath,
                    database.url());
            results = new Ingestion(c, options).run(schemas, inputPath, r -> {
                out.println(line(r, fileWidth, datasetWidth));
                out.flush();
            });
        }
        return summary(out, results);
    }

    /** One file's line; its first two columns at least {@code fileWidth} and {@code datasetWidth} wide. */
    static String line(FileResult r, int fileWidth, int datasetWidth) {
        String name = String.format(Locale.ROOT, "%-" + Math.max(fileWidth, 1) + "s %-" + Math.max(datasetWidth, 1)
                + "s", r.fileName(), r.dataset().isEmpty() ? "-" : r.dataset());
        return switch (r.status()) {
            case LOADED, REPLACED -> String.format(Locale.ROOT,
                    "%s %-8s read %,7d  loaded %,7d  quarantined %,5d  duplicates %,5d  (%.1f s, #%d)", name,
                    r.status() == FileResult.Status.LOADED ? "loaded" : "replaced", r.read(), r.loaded(),
                    r.quarantined(), r.duplicates(), r.seconds(), r.ingestionId());
            case ALREADY_LOADED -> name + " already loaded, nothing new: " + r.message();
            case CHANGED_REFUSED -> name + " REFUSED: " + r.message();
            case FAILED -> name + " FAILED, rolled back: " + r.message();
            case NO_SCHEMA -> name + " skipped: " + r.message();
        };
    }

    private static int summary(PrintWriter out, List<FileResult> results) {
        long loadedFiles = results.stream().filter(r -> r.status() == FileResult.Status.LOADED
                || r.status() == FileResult.Status.REPLACED).count();
        long skipped = results.stream().filter(r -> r.status() == FileResult.Status.ALREADY_LOADED).count();
        long bad = results.stream().filter(r -> r.status() == FileResult.Status.FAILED
                || r.status() == FileResult.Status.CHANGED_REFUSED).count();
        long read = 0;
        long loaded = 0;
        long quarantined = 0;
        long duplicates = 0;
        for (FileResult r : results) {
            if (r.status() == FileResult.Status.LOADED || r.status() == FileResult.Status.REPLACED) {
                read += r.read();
                loaded += r.loaded();
                quarantined += r.quarantined();
                duplicates += r.duplicates();
            }
        }
        if (loadedFiles == 0 && bad == 0) {
            out.printf("Nothing new to load: %d file(s) already loaded (see `report`).%n", skipped);
        } else {
            out.printf(Locale.ROOT, "Loaded %d file(s), %d already loaded, %d refused or failed: read %,d = "
                    + "loaded %,d + quarantined %,d + duplicates %,d%n", loadedFiles, skipped, bad, read, loaded,
                    quarantined, duplicates);
        }
        out.flush();
        return bad > 0 ? Cli.SOME_FILES_NOT_LOADED : 0;
    }
}
