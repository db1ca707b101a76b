package dev.dataeng.p02;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.p02.checks.CheckResult;
import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.generate.RawFiles;
import dev.dataeng.p02.pipeline.Layer;
import dev.dataeng.p02.pipeline.Pipeline;
import dev.dataeng.p02.pipeline.PipelineException;
import dev.dataeng.p02.pipeline.RunOutcome;
import dev.dataeng.p02.pipeline.Warehouse;
import dev.dataeng.p02.report.MarkdownReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code p02 generate | run | check | report}: the medallion job and its data-quality gate. */
@Command(name = "p02", mixinStandardHelpOptions = true, version = "p02-data-quality 1.0",
        description = "Bronze -> silver -> gold on H2 (or any JDBC database) with declarative data-quality checks.",
        subcommands = {Cli.Generate.class, Cli.Run.class, Cli.Check.class, Cli.Report.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, every error check passed", "1:cannot run (bad input, config or database)",
                "2:usage error", "3:a check of severity error failed: promotion blocked"})
public final class Cli implements Callable<Integer> {
    public static final int CANNOT_RUN = 1;
    public static final int BLOCKED = 3;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI without exiting the JVM (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + oneLine(e));
            return CANNOT_RUN;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    static String oneLine(Throwable e) {
        if (e instanceof PipelineException || e.getMessage() != null && e.getCause() == null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Where the warehouse is and which checks apply. */
    static final class Target {
        @Option(names = "--db", defaultValue = Warehouse.DEFAULT_URL,
                description = "JDBC URL (default: ${DEFAULT-VALUE})")
        String db;

        @Option(names = "--db-user", description = "database user (default: $DATAENG_DB_USER, else sa for H2)")
        String dbUser;

        @Option(names = "--db-password", arity = "0..1", interactive = true,
                description = "database password; without a value it is asked for, without echo "
                        + "(default: $DATAENG_DB_PASSWORD, else empty)")
        String dbPassword;

        @Option(names = "--checks", description = "checks file (YAML); default: the built-in checks.yaml")
        Path checks;

        @Option(names = "--as-of", description = "reference time (UTC, e.g. 2025-01-31T00:00) for freshness; "
                + "default: the export time in batch.json, else now")
        LocalDateTime asOf;

        Pipeline pipeline() {
            CheckSuite suite = checks == null ? CheckSuite.defaults() : CheckSuite.load(checks);
            return new Pipeline(new Warehouse(db, dbUser, dbPassword), suite, Optional.ofNullable(asOf),
                    System.err::println);
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write the raw exports (CSV), manifest.json and batch.json: the bronze input.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "target/p02/raw", description = "folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--scale", defaultValue = "1.0", description = "1.0 = 10,000 orders (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--dirty", defaultValue = "0.05",
                description = "share of records made dirty (default: ${DEFAULT-VALUE})")
        double dirty;

        @Option(names = "--kinds", split = ",", description = "dirt kinds to use (default: all): ${COMPLETION-CANDIDATES}")
        List<DirtKind> kinds;

        @Override
        public Integer call() throws IOException {
            Dirt dirt = kinds == null || kinds.isEmpty() ? Dirt.all(dirty) : new Dirt(dirty, EnumSet.copyOf(kinds));
            Files.createDirectories(out);
            List<ExportReport> reports = RawFiles.generate(GeneratorConfig.of(seed, scale), dirt, out);
            for (ExportReport r : reports) {
                System.out.printf("%-12s %,8d records, %,6d dirty  -> %s%n", r.table(), r.records(), r.dirty().size(),
                        r.file());
            }
            System.out.println("ground truth: " + out.resolve("manifest.json"));
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Build a layer: bronze (land files), silver (conform, deduplicate, quarantine into audit.*, "
                    + "check there, publish to silver.* only if every error check passed), gold (daily aggregates, "
                    + "only if every silver error check passed), or all.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--layer", defaultValue = "all", description = "bronze | silver | gold | all (default: "
                + "${DEFAULT-VALUE})", converter = LayerConverter.class)
        Layer layer;

        @Option(names = "--input", defaultValue = "target/p02/raw",
                description = "folder of raw files for bronze (default: ${DEFAULT-VALUE})")
        Path input;

        @Override
        public Integer call() {
            RunOutcome outcome = target.pipeline().run(layer, input);
            return finish(outcome, "run " + outcome.runId() + ": " + (outcome.goldBuilt() ? "gold published"
                    : "layer " + layer.name().toLowerCase() + " built"));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Measure quality metrics and run every check on the current silver and gold tables.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            RunOutcome outcome = target.pipeline().check();
            for (CheckResult r : outcome.checks()) {
                System.out.printf("%-4s %-36s %s%s%n", r.status(), r.check().name(), r.observed(),
                        r.quarantined() > 0 ? " (" + r.quarantined() + " quarantined while building)" : "");
            }
            return finish(outcome, "run " + outcome.runId() + ": every error check passed");
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write the Markdown quality report of a run (default: the latest).")
    static final class Report implements Callable<Integer> {
        @Option(names = "--db", defaultValue = Warehouse.DEFAULT_URL, description = "JDBC URL (default: "
                + "${DEFAULT-VALUE})")
        String db;

        @Option(names = "--db-user", description = "database user (default: $DATAENG_DB_USER, else sa for H2)")
        String dbUser;

        @Option(names = "--db-password", arity = "0..1", interactive = true,
                description = "database password; without a value it is asked for, without echo "
                        + "(default: $DATAENG_DB_PASSWORD, else empty)")
        String dbPassword;

        @Option(names = "--run-id", description = "run to report (default: the latest finished run)")
        Long runId;

        @Option(names = "--out", defaultValue = "target/p02/report.md", description = "file (default: "
                + "${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws SQLException, IOException {
            Warehouse warehouse = new Warehouse(db, dbUser, dbPassword);
            try (Connection c = warehouse.connect()) {
                long run = runId != null ? runId : MarkdownReport.latestRun(c);
                String markdown = MarkdownReport.render(c, run, db);
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(out, markdown, StandardCharsets.UTF_8);
                System.out.println("report of run " + run + " -> " + out);
                return 0;
            }
        }
    }

    private static int finish(RunOutcome outcome, String success) {
        if (outcome.blockedBy().isPresent()) {
            PrintWriter err = new PrintWriter(System.err, true);
            err.println("BLOCKED: " + outcome.blockedBy().get().oneLine()
                    + RunOutcome.consequence(outcome.goldBuilt(), outcome.silverHeld()));
            return BLOCKED;
        }
        System.out.println(success);
        return 0;
    }

    static final class LayerConverter implements CommandLine.ITypeConverter<Layer> {
        @Override
        public Layer convert(String value) {
            try {
                return Layer.valueOf(value.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is no layer: bronze, silver, gold "
                        + "or all");
            }
        }
    }
}
