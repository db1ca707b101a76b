package dev.dataeng.p10;

import dev.dataeng.p10.cli.BenchCommand;
import dev.dataeng.p10.cli.DemoCommand;
import dev.dataeng.p10.cli.ReconCommand;
import dev.dataeng.p10.cli.StatusCommand;
import dev.dataeng.p10.recon.PriceFix;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the capstone platform. */
@Command(name = "p10", mixinStandardHelpOptions = true, version = "p10-hybrid-zomato 1.0",
        description = "A hybrid (Lambda) real-time ads-billing platform: gateway, Kafka, Flink SQL, lake, Redis billing, Spark recon.",
        subcommands = {DemoCommand.class, StatusCommand.class, ReconCommand.class, BenchCommand.class})
public final class Cli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (tests call this; main exits with it). */
    public static int run(String... args) {
        return new CommandLine(new Cli())
                .registerConverter(PriceFix.class, PriceFix::parse)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + oneLine(e));
                    return 2;
                })
                .execute(args);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
