package dev.dataeng.p08.cli;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.EmbeddedKafka;
import java.util.Iterator;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Option;

/** The Kafka cluster and the generated input: options shared by {@code run} and {@code bench}. */
public class SourceOptions {
    @Option(names = "--bootstrap-servers", description = "Kafka cluster to use; default: an in-JVM cluster started "
            + "by the CLI (and the generated input published to it)")
    String bootstrapServers;

    @Option(names = "--publish", description = "publish the generated input to --bootstrap-servers first")
    boolean publish;

    @Option(names = "--input-topic", defaultValue = "p08.ad-events", description = "events topic (default: ${DEFAULT-VALUE})")
    String inputTopic;

    @Option(names = "--campaigns-topic", defaultValue = "p08.campaigns",
            description = "compacted campaigns topic the prices are read from (default: ${DEFAULT-VALUE})")
    String campaignsTopic;

    @Option(names = "--partitions", defaultValue = "2", description = "partitions of the topics the CLI creates (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--seed", defaultValue = "8", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--impressions", defaultValue = "36000",
            description = "impressions to generate, 10 per second of event time (default: ${DEFAULT-VALUE}, one hour)")
    long impressions;

    @Option(names = "--dirty", description = "out-of-order events (10%, up to 5 s); default on", negatable = true,
            defaultValue = "true", fallbackValue = "true")
    boolean dirty;

    EmbeddedKafka embedded;

    AdEventGenerator generator() {
        AdConfig config = AdConfig.clean(seed, impressions).withUsers(5_000);
        return new AdEventGenerator(dirty ? config.withDirt(0.10, 0.0, 0.0, 0.0) : config);
    }

    /** The cluster to use: the given one, or a new in-JVM one with the input published. */
    String connect() {
        if (bootstrapServers != null && !publish) {
            return bootstrapServers;
        }
        String servers = bootstrapServers;
        if (servers == null) {
            System.err.println("starting an in-JVM Kafka cluster (no --bootstrap-servers given)");
            embedded = EmbeddedKafka.singleBroker().start();
            servers = embedded.bootstrapServers();
            embedded.createTopic(inputTopic, partitions);
            embedded.createTopic(campaignsTopic, 1, (short) 1, Map.of("cleanup.policy", "compact"));
        }
        AdEventGenerator g = generator();
        AdPublisher.publishCampaigns(servers, campaignsTopic, g.campaignHistory(2));
        long total = g.summarize().records();
        try (ProgressBar bar = new ProgressBar("publishing", total)) {
            Iterator<AdRecord> it = g.records().iterator();
            Iterator<AdRecord> counted = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public AdRecord next() {
                    bar.step();
                    return it.next();
                }
            };
            AdPublisher.publish(servers, inputTopic, counted);
        }
        return servers;
    }

    void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
