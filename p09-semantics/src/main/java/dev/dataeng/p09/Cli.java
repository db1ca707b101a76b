package dev.dataeng.p09;

import dev.dataeng.p09.cli.BenchCommand;
import dev.dataeng.p09.cli.CrashDemoCommand;
import dev.dataeng.p09.cli.FlinkJobCommand;
import dev.dataeng.p09.cli.LateDataCommand;
import dev.dataeng.p09.cli.SpendJobCommand;
import dev.dataeng.p09.cli.StreamsJobCommand;
import java.util.ArrayList;
import java.util.List;
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
                    for (String cause : causes(ex)) {
                        cmd.getErr().println("  caused by " + cause);
                    }
                    return 1;
                });
    }

    /**
     * The causes under {@code ex}, each once: an engine wraps the reason a job failed ("Job execution failed")
     * several levels down, e.g. the broker refusing a sink's transaction timeout.
     */
    static List<String> causes(Throwable ex) {
        List<String> out = new ArrayList<>();
        String seen = String.valueOf(ex.getMessage());
        for (Throwable c = ex.getCause(); c != null && c != c.getCause() && out.size() < 8; c = c.getCause()) {
            String line = c.getClass().getSimpleName() + ": " + c.getMessage();
            if (c.getMessage() != null && !seen.contains(c.getMessage())) {
                out.add(line);
                seen = seen + "\n" + c.getMessage();
            }
        }
        return out;
    }
}
