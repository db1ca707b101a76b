package dev.dataeng.p07.cli;

import dev.dataeng.p07.consume.CampaignFeed;
import dev.dataeng.p07.consume.ConsumerSettings;
import dev.dataeng.p07.consume.EventRules;
import dev.dataeng.p07.consume.IngestionConsumer;
import dev.dataeng.p07.consume.IngestionStats;
import dev.dataeng.p07.lag.LagReport;
import dev.dataeng.p07.lag.PartitionLag;
import dev.dataeng.p07.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Reads ad-events into bronze Avro files (dt=/hr=) and the ad_events table, dead-letters what"
                + " cannot be loaded, and stops once the group has no lag left (or with --follow, on Ctrl-C).",
                "On the in-JVM cluster it first produces the seeded stream, so there is something to read."})
public final class ConsumeCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;
    @Mixin
    StreamOptions stream;

    @Option(names = "--group", defaultValue = "ingest", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:h2:file:./target/p07/ads;WRITE_DELAY=0",
            description = "Database for ad_events (H2 or PostgreSQL; default: ${DEFAULT-VALUE}).")
    String jdbcUrl;

    @Option(names = "--bronze-dir", defaultValue = "target/p07/bronze", description = "Bronze layer root"
            + " (default: ${DEFAULT-VALUE}).")
    Path bronzeDir;

    @Option(names = "--follow", description = "Keep consuming until Ctrl-C.")
    boolean follow;

    @Override
    public Integer call() {
        try (Env env = Env.open(cluster, true, System.out)) {
            if (env.inJvm()) {
                ProduceCommand.produce(env, stream.generator(), 0, System.out);
            }
            Set<String> campaigns = CampaignFeed.campaignIds(env.bootstrapServers(), Topics.CAMPAIGNS);
            if (campaigns.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.CAMPAIGNS + " holds no campaign: run `produce` first");
            }
            ConsumerSettings settings = ConsumerSettings.of(env.bootstrapServers(), group, Topics.AD_EVENTS,
                    Topics.DEAD_LETTERS, jdbcUrl, bronzeDir);
            IngestionConsumer consumer = new IngestionConsumer(settings, env.registry(),
                    new EventRules(campaigns, EventRules.ONE_HOUR_MS));
            Thread worker = new Thread(consumer, "ingest");
            worker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::stop));
            long start = System.nanoTime();
            try (Admin admin = env.admin()) {
                while (!consumer.finished()) {
                    ProduceCommand.sleepQuietly(1000);
                    List<PartitionLag> lag = LagReport.of(admin, group, Topics.AD_EVENTS);
                    long total = lag.stream().mapToLong(PartitionLag::lag).sum();
                    IngestionStats.Counts c = consumer.counts();
                    System.out.printf("%5.0f s  %s  lag %,d%n", (System.nanoTime() - start) / 1e9, c, total);
                    if (!follow && total == 0 && c.consumed() == c.polled()) {
                        consumer.stop();
                    }
                }
            }
            joinQuietly(worker);
            if (consumer.failure() != null) {
                throw new IllegalStateException("the consumer stopped: " + consumer.failure().getMessage(),
                        consumer.failure());
            }
            IngestionStats.Counts c = consumer.counts();
            System.out.println(c);
            System.out.printf("reconciles: %s   table %s   bronze %s%n", c.reconciles(), jdbcUrl,
                    bronzeDir.toAbsolutePath());
            return c.reconciles() ? 0 : 1;
        }
    }

    static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
