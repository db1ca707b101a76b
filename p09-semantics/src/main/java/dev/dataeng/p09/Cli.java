package dev.dataeng.p09;

import dev.dataeng.p09.cli.BenchCommand;
import dev.dataeng.p09.cli.CrashDemoCommand;
import dev.dataeng.p09.cli.FlinkJobCommand;
import dev.dataeng.p09.cli.LateDataCommand;
import dev.dataeng.p09.cli.SpendJobCommand;
import dev.dataeng.p09.cli.StreamsJobCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code p09}: the chapter's jobs and demonstrations. */
@Command(name = "p09", mixinStandardHelpOptions = true,
        description = "Delivery semantics, late data and reprocessing, proven by killing things.",
        subcommands = {SpendJobCommand.class, StreamsJobCommand.class, FlinkJobCommand.class, CrashDemoCommand.class,
                LateDataCommand.class, BenchCommand.class})
public final class Cli {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to {@code execute}; a test sets its output ({@code setOut}) and reads exit codes. */
    public static CommandLine commandLine() {
        return new CommandLine(new Cli())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("p09: " + ex.getMessage());
                    return 1;
                });
    }
}
