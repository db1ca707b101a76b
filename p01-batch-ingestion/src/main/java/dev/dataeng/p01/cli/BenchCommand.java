package dev.dataeng.p01.cli;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTables;
import dev.dataeng.p01.ingest.FileIngester;
import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import dev.dataeng.p01.load.KeyTracker;
import dev.dataeng.p01.load.SqlNames;
import dev.dataeng.p01.load.TargetTable;
import dev.dataeng.p01.read.RecordReader;
import dev.dataeng.p01.read.RecordReaders;
import dev.dataeng.p01.validate.RowValidator;
import dev.dataeng.p01.validate.ValidatedRow;
import dev.dataeng.p01.schema.DatasetSchema;
import dev.dataeng.p01.schema.SchemaLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: our validated, quarantining load of a generated orders CSV against H2's own bulk load
 * ({@code INSERT INTO … SELECT * FROM CSVREAD(…)}) of the same file into a fresh table of the same DDL, in the
 * same run. Prints both rates and the ratio last.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Ours vs H2 CSVREAD on the same generated orders CSV; prints 'ratio ours/CSVREAD' last.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "orders in the file (default: ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--work-dir", description = "where the CSV and the two H2 databases go "
            + "(default: p01-batch-ingestion/target/bench)")
    Path workDir;

    @Option(names = "--batch-size", defaultValue = "1000", description = "our JDBC batch size (default: "
            + "${DEFAULT-VALUE})")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = (workDir != null ? workDir : ModuleHome.locate().resolve("target/bench")).toAbsolutePath();
        Files.createDirectories(dir);
        DatasetSchema schema = SchemaLoader.loadFile(ModuleHome.schemas().resolve("orders.yaml"));
        Path csv = dir.resolve("orders-" + rows + ".csv");
        if (!Files.exists(csv)) {
            out.printf("generating %,d orders into %s …%n", rows, csv);
            out.flush();
            new RawExport(new FoodDeliveryGenerator(GeneratorConfig.of(7, rows / 10_000.0)), Dirt.NONE)
                    .write(RawTables.ORDERS, RawExport.Format.CSV, csv);
        }
        out.printf(Locale.ROOT, "input: %s (%,d bytes); %d cores, load average %.2f%n", csv, Files.size(csv),
                Runtime.getRuntime().availableProcessors(), loadAverage());

        long start0 = System.nanoTime();
        long cpu0 = cpu();
        long parsed = readValidateDedupe(schema, csv);
        double noDatabase = (System.nanoTime() - start0) / 1e9;
        out.printf(Locale.ROOT, "ours without the database (read, validate, dedupe only): %,d rows in %.2f s = "
                + "%,.0f rows/s (cpu %.2f s)%n", parsed, noDatabase, parsed / noDatabase, (cpu() - cpu0) / 1e9);
        out.flush();

        deleteDatabase(dir, "ours");
        double ours;
        FileResult result;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("ours"), "sa", "")) {
            long start = System.nanoTime();
            cpu0 = cpu();
            result = new FileIngester(c, new IngestOptions(batchSize, false, 0, new PrintStream(System.err, true)))
                    .ingest(schema, csv, csv.getFileName().toString());
            ours = (System.nanoTime() - start) / 1e9;
        }
        double oursCpu = (cpu() - cpu0) / 1e9;
        if (result.status() != FileResult.Status.LOADED) {
            throw new UserError("our load did not complete: " + result.status() + " " + result.message());
        }
        out.printf(Locale.ROOT, "ours    (read, validate, dedupe | insert, log): %,d rows loaded in %.2f s = %,.0f rows/s"
                + " (quarantined %d, duplicates %d; cpu %.2f s)%n", result.loaded(), ours,
                result.read() / ours, result.quarantined(), result.duplicates(), oursCpu);
        out.flush();

        deleteDatabase(dir, "csvread");
        double reference;
        long referenceRows;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("csvread"), "sa", "");
                Statement s = c.createStatement()) {
            SqlNames names = SqlNames.of(c);
            s.execute(new TargetTable(schema, names).createSql(schema.table(), false));
            long start = System.nanoTime();
            cpu0 = cpu();
            referenceRows = s.executeUpdate("INSERT INTO " + names.quote(schema.table()) + " SELECT * FROM CSVREAD('"
                    + csv.toString().replace("'", "''") + "', NULL, 'charset=UTF-8')");
            reference = (System.nanoTime() - start) / 1e9;
        }
        double referenceCpu = (cpu() - cpu0) / 1e9;
        out.printf(Locale.ROOT, "CSVREAD (INSERT … SELECT * FROM CSVREAD):       %,d rows loaded in %.2f s = %,.0f rows/s"
                + " (cpu %.2f s)%n", referenceRows, reference, referenceRows / reference, referenceCpu);
        out.printf(Locale.ROOT, "load average at the end %.2f%n", loadAverage());
        out.printf(Locale.ROOT, "ratio ours/CSVREAD = %.2f%n", (result.read() / ours) / (referenceRows / reference));
        return 0;
    }

    /** The same reader, validator and key tracker as the job, without JDBC: how much of our time is ours. */
    private static long readValidateDedupe(DatasetSchema schema, Path csv) throws IOException {
        RowValidator validator = new RowValidator(schema);
        KeyTracker keys = new KeyTracker(schema);
        long valid = 0;
        try (RecordReader reader = RecordReaders.open(csv, schema)) {
            while (reader.hasNext()) {
                ValidatedRow row = validator.validate(reader.next());
                if (row.isValid() && keys.offer(row.values()) == KeyTracker.Verdict.NEW) {
                    valid++;
                }
            }
        }
        return valid;
    }

    /**
     * CPU time of the whole process (all threads: ours reads on one and inserts on another; embedded H2 works in
     * the calling thread plus a background writer; the garbage collector), the same measure for both sides.
     */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteDatabase(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (p.getFileName().toString().startsWith(name + ".")) {
                    Files.delete(p);
                }
            }
        }
    }
}
