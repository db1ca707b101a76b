package dev.dataeng.p09.cli;

import dev.dataeng.p09.delivery.CampaignCatalogue;
import dev.dataeng.p09.streams.SpendStreamsApp;
import dev.dataeng.p09.time.Prices;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "streams-job", mixinStandardHelpOptions = true,
        description = "Kafka Streams: events and spend per campaign per minute, exactly_once_v2; runs until stopped.")
public final class StreamsJobCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
    String bootstrap;
    @Option(names = "--application-id", defaultValue = "p09-streams-spend", description = "(default: ${DEFAULT-VALUE})")
    String applicationId;
    @Option(names = "--input", defaultValue = "ad-events", description = "(default: ${DEFAULT-VALUE})")
    String input;
    @Option(names = "--campaigns", defaultValue = "campaigns", description = "(default: ${DEFAULT-VALUE})")
    String campaigns;
    @Option(names = "--output", defaultValue = "window-spend", description = "(default: ${DEFAULT-VALUE})")
    String output;
    @Option(names = "--too-late", defaultValue = "too-late-events", description = "(default: ${DEFAULT-VALUE})")
    String tooLate;
    @Option(names = "--state-dir", defaultValue = "target/p09-streams-state", description = "(default: ${DEFAULT-VALUE})")
    Path stateDir;
    @Option(names = "--pace-us", defaultValue = "0", description = "simulated work per record, µs (default: ${DEFAULT-VALUE})")
    long pace;

    @Override
    public Integer call() throws Exception {
        Prices prices = Prices.of(CampaignCatalogue.fromTopic(bootstrap, campaigns));
        SpendStreamsApp.run(SpendStreamsApp.properties(bootstrap, applicationId, stateDir), input, output, tooLate,
                prices, pace);
        return 0;
    }
}
