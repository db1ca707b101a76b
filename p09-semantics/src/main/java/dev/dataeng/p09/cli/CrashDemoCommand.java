package dev.dataeng.p09.cli;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.EmbeddedKafka;
import dev.dataeng.p09.crash.DeliveryDrills;
import dev.dataeng.p09.crash.DeliveryTally;
import dev.dataeng.p09.delivery.DeliveryMode;
import dev.dataeng.p09.delivery.SpendLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "crash-demo", mixinStandardHelpOptions = true,
        description = "Runs the spend job in each delivery mode in a child JVM, SIGKILLs it when it has written 20%, 50% and 80% of its "
                + "output, lets it finish, and prints each mode's losses and duplicates in one table.")
public final class CrashDemoCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers",
            description = "Kafka to use; without it an in-JVM cluster is started for the demo")
    String bootstrap;
    @Option(names = "--impressions", defaultValue = "2000", description = "impressions generated (default: ${DEFAULT-VALUE})")
    long impressions;
    @Option(names = "--seed", defaultValue = "9", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--pace-us", defaultValue = "2000", description = "work per record, µs (default: ${DEFAULT-VALUE})")
    long pace;
    @Option(names = "--work-dir", defaultValue = "target/p09-crash-demo", description = "logs and sinks (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Override
    public Integer call() {
        EmbeddedKafka local = bootstrap == null ? EmbeddedKafka.singleBroker().start() : null;
        try {
            String servers = bootstrap == null ? local.bootstrapServers() : bootstrap;
            String run = "demo-" + System.currentTimeMillis();
            String input = run + "-ad-events";
            String campaigns = run + "-campaigns";
            AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(seed, impressions));
            if (local != null) {
                local.createTopic(input, 3);
                local.createTopic(campaigns, 1);
            }
            AdPublisher.publishCampaigns(servers, campaigns, generator.campaigns());
            long records = AdPublisher.publish(servers, input, generator.records().iterator()).records();
            Map<String, Campaign> byId = generator.campaignsById();
            Map<String, SpendLine> expected = new LinkedHashMap<>();
            generator.uniqueEvents().forEach((AdEvent e) -> expected.put(e.eventId(),
                    SpendLine.of(e, byId.get(e.campaignId()))));
            System.out.printf("%d events on %s; each mode is killed three times, then finishes%n", records, input);
            List<DeliveryTally> rows = new ArrayList<>();
            for (DeliveryMode mode : DeliveryMode.values()) {
                DeliveryDrills.Run r = DeliveryDrills.run(servers, mode, input, campaigns, records,
                        workDir.resolve(run), pace);
                rows.add(DeliveryTally.of(mode, expected, r.output(), r.drill().describe()));
                System.out.println(mode.label() + ": " + r.drill().describe()
                        + (mode == DeliveryMode.EFFECTIVELY_ONCE ? "; sink absorbed " + (r.deliveries() - r.output().size())
                                + " redeliveries" : ""));
            }
            System.out.println();
            System.out.print(DeliveryTally.table(rows));
            return 0;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }
}
