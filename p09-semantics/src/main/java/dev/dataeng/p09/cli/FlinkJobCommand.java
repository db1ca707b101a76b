package dev.dataeng.p09.cli;

import dev.dataeng.p09.delivery.CampaignCatalogue;
import dev.dataeng.p09.flink.FlinkSpendJob;
import dev.dataeng.p09.time.Prices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "flink-job", mixinStandardHelpOptions = true,
        description = "Flink: events and spend per campaign per minute into Kafka, exactly once (checkpoints + "
                + "transactional KafkaSink); resumes from the latest retained checkpoint; runs until stopped.")
public final class FlinkJobCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
    String bootstrap;
    @Option(names = "--input", defaultValue = "ad-events", description = "(default: ${DEFAULT-VALUE})")
    String input;
    @Option(names = "--campaigns", defaultValue = "campaigns", description = "(default: ${DEFAULT-VALUE})")
    String campaigns;
    @Option(names = "--output", defaultValue = "window-spend-flink", description = "(default: ${DEFAULT-VALUE})")
    String output;
    @Option(names = "--group", defaultValue = "p09-flink-spend", description = "(default: ${DEFAULT-VALUE})")
    String group;
    @Option(names = "--checkpoint-dir", defaultValue = "target/p09-flink-checkpoints", description = "(default: ${DEFAULT-VALUE})")
    Path checkpoints;
    @Option(names = "--checkpoint-interval-ms", defaultValue = "500", description = "(default: ${DEFAULT-VALUE})")
    long intervalMs;
    @Option(names = "--transaction-timeout-s", defaultValue = "60",
            description = "KafkaSink transaction.timeout.ms, in seconds; at most the broker's transaction.max.timeout.ms (default: ${DEFAULT-VALUE})")
    long txTimeoutS;
    @Option(names = "--pace-us", defaultValue = "0", description = "simulated work per record, µs (default: ${DEFAULT-VALUE})")
    long pace;

    @Override
    public Integer call() throws Exception {
        Prices prices = Prices.of(CampaignCatalogue.fromTopic(bootstrap, campaigns));
        FlinkSpendJob.run(new FlinkSpendJob.Settings(bootstrap, input, output, group, checkpoints.toAbsolutePath(),
                "p09-" + group, Duration.ofMillis(intervalMs), Duration.ofSeconds(txTimeoutS), pace), prices);
        return 0;
    }
}
