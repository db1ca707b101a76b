package dev.dataeng.p01;

import dev.dataeng.p01.cli.BenchCommand;
import dev.dataeng.p01.cli.GenerateCommand;
import dev.dataeng.p01.cli.IngestCommand;
import dev.dataeng.p01.cli.ReportCommand;
import dev.dataeng.p01.cli.UserError;
import dev.dataeng.p01.ingest.Errors;
import dev.dataeng.p01.schema.SchemaException;
import dev.dataeng.p01.read.FileFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code p01}: schema-driven batch ingestion of raw files into a JDBC database, with quarantine and a log. */
@Command(name = "p01", mixinStandardHelpOptions = true, version = "p01-batch-ingestion 1.0",
        description = "Schema-driven batch ingestion: raw CSV/JSON files -> validated tables, quarantine, log.",
        subcommands = {IngestCommand.class, GenerateCommand.class, ReportCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok; 1 unusable input, schema or database (one line on stderr); "
                + "2 bad command line; 3 some file was refused or failed."})
public final class Cli implements Runnable {

    /** Exit code for an unusable input, schema, config or database. */
    public static final int UNUSABLE = 1;
    /** Exit code when at least one file was refused (changed) or failed and was rolled back. */
    public static final int SOME_FILES_NOT_LOADED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given output streams; returns the exit code (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError || e instanceof SchemaException || e instanceof FileFormatException) {
                commandLine.getErr().println("error: " + e.getMessage());
            } else {
                // In words, never a Java class name: "the database is read-only: … (The database is read only …)".
                commandLine.getErr().println("error: " + Errors.describe(e));
            }
            commandLine.getErr().flush();
            return UNUSABLE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
