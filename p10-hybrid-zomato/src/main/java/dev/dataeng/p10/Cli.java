package dev.dataeng.p10;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the capstone platform. */
@Command(name = "p10", mixinStandardHelpOptions = true, version = "p10-hybrid-zomato 1.0",
        description = "A hybrid (Lambda) real-time ads-billing platform: gateway, Kafka, Flink SQL, lake, Redis billing, Spark recon.")
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
