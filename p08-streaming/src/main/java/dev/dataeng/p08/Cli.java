package dev.dataeng.p08;

import dev.dataeng.p08.cli.BenchCommand;
import dev.dataeng.p08.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code run} (one query on one engine), {@code bench} (every engine against a plain consumer). */
@Command(name = "p08", mixinStandardHelpOptions = true, version = "p08-streaming 1.0",
        description = "One stateful streaming problem over ad events, in Kafka Streams, Flink and Spark.",
        subcommands = {RunCommand.class, BenchCommand.class})
public final class Cli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code: 0 ok, 1 the job failed (one line on stderr), 2 bad usage. */
    public static int execute(String... args) {
        return new CommandLine(new Cli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + oneLine(e));
                    return 1;
                })
                .execute(args);
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
