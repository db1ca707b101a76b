package dev.dataeng.p09.cli;

import dev.dataeng.p09.delivery.DeliveryMode;
import dev.dataeng.p09.delivery.JobSettings;
import dev.dataeng.p09.delivery.SpendJob;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "spend-job", mixinStandardHelpOptions = true,
        description = "Prices ad events into spend lines in one delivery mode, from the group's committed offsets to "
                + "the input's end offsets at start, then exits.")
public final class SpendJobCommand implements Callable<Integer> {
    @Option(names = "--mode", required = true,
            description = "at-most-once | at-least-once | exactly-once | effectively-once")
    String mode;
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
    String bootstrap;
    @Option(names = "--input", defaultValue = "ad-events", description = "input topic (default: ${DEFAULT-VALUE})")
    String input;
    @Option(names = "--campaigns", defaultValue = "campaigns", description = "campaign topic (default: ${DEFAULT-VALUE})")
    String campaigns;
    @Option(names = "--output", defaultValue = "spend-lines", description = "output topic (default: ${DEFAULT-VALUE})")
    String output;
    @Option(names = "--dead-letters", defaultValue = "spend-dead-letters",
            description = "dead-letter topic: input records that are no priceable event, with their reason "
                    + "(default: ${DEFAULT-VALUE})")
    String deadLetters;
    @Option(names = "--jdbc-url", defaultValue = "jdbc:h2:file:./target/p09-sink;WRITE_DELAY=0",
            description = "sink of effectively-once (default: ${DEFAULT-VALUE})")
    String jdbcUrl;
    @Option(names = "--group", defaultValue = "spend-job", description = "consumer group (default: ${DEFAULT-VALUE})")
    String group;
    @Option(names = "--transactional-id", defaultValue = "spend-job-0",
            description = "transactional id of exactly-once (default: ${DEFAULT-VALUE})")
    String transactionalId;
    @Option(names = "--batch", defaultValue = "100", description = "records per poll (default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--pace-us", defaultValue = "0",
            description = "simulated work per record in microseconds (default: ${DEFAULT-VALUE})")
    long paceMicros;

    @Override
    public Integer call() {
        DeliveryMode m = DeliveryMode.valueOf(mode.toUpperCase(Locale.ROOT).replace('-', '_'));
        var settings = new JobSettings(bootstrap, input, campaigns, output, deadLetters, jdbcUrl, group,
                transactionalId, batch, paceMicros);
        SpendJob.Outcome outcome = new SpendJob(settings).run(m);
        System.out.printf(Locale.ROOT, "%s: read %d, wrote %d, dead-lettered %d%n", m.label(), outcome.read(),
                outcome.written(), outcome.deadLettered());
        return 0;
    }
}
