package dev.dataeng.p07;

import dev.dataeng.p07.cli.BenchCommand;
import dev.dataeng.p07.cli.ConsumeCommand;
import dev.dataeng.p07.cli.LagCommand;
import dev.dataeng.p07.cli.ProduceCommand;
import dev.dataeng.p07.cli.RegistryCommand;
import dev.dataeng.p07.cli.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code topics}, {@code produce}, {@code consume}, {@code lag}, {@code registry}, {@code bench}. */
@Command(name = "p07", mixinStandardHelpOptions = true, version = "p07-kafka-ingestion 1.0",
        description = {"Ad events into Kafka (Avro, schema registry) and out again into bronze files and H2.",
                "Without --bootstrap-servers each command starts an in-JVM Kafka cluster (and a schema registry"
                        + " on it) for its own run."},
        subcommands = {TopicsCommand.class, ProduceCommand.class, ConsumeCommand.class, LagCommand.class,
                RegistryCommand.class, BenchCommand.class})
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
