package dev.dataeng.p05;

import dev.dataeng.p05.cli.BenchCommand;
import dev.dataeng.p05.cli.ExportRawCommand;
import dev.dataeng.p05.cli.GenerateCommand;
import dev.dataeng.p05.cli.LoadRawCommand;
import dev.dataeng.p05.cli.RunCommand;
import dev.dataeng.p05.cli.SkewCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code generate}, {@code run}, {@code skew}, {@code export-raw}, {@code load-raw}, {@code bench}. */
@Command(name = "p05", mixinStandardHelpOptions = true, version = "p05-spark 1.0",
        description = "Distributed batch processing of food-delivery orders with Apache Spark.",
        subcommands = {GenerateCommand.class, RunCommand.class, SkewCommand.class, ExportRawCommand.class, LoadRawCommand.class,
                BenchCommand.class})
public final class Cli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Cli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + oneLine(e));
                    return 2;
                })
                .execute(args);
        System.exit(code);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
