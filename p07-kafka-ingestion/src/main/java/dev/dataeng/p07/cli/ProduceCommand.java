package dev.dataeng.p07.cli;

import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.AdStreamSummary;
import dev.dataeng.p07.produce.AdEventProducer;
import dev.dataeng.p07.produce.CampaignChangeProducer;
import dev.dataeng.p07.produce.ProducerSettings;
import dev.dataeng.p07.produce.SendStats;
import dev.dataeng.p07.topics.Topics;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Publishes the campaign catalogue (keyed, compacted topic) and the seeded ad events (Avro"
                + " through the registry, idempotent, acks=all) to ad-events.")
public final class ProduceCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;
    @Mixin
    StreamOptions stream;

    @Option(names = "--rate", defaultValue = "0", description = "Records per second (0: as fast as possible;"
            + " default: ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() {
        try (Env env = Env.open(cluster, true, System.out)) {
            SendStats stats = produce(env, stream.generator(), rate, System.out);
            return stats.failed() == 0 ? 0 : 1;
        }
    }

    /** Campaigns, then the events; prints what the callbacks counted and what compression did. */
    static SendStats produce(Env env, AdEventGenerator gen, double rate, PrintStream out) {
        CampaignChangeProducer.publish(env.bootstrapServers(), ProducerSettings.reliable(), Topics.CAMPAIGNS,
                gen.campaigns(), Map.of());
        AdStreamSummary summary = gen.summarize();
        out.printf("producing %,d records (%,d unique events, %,d duplicates, %,d poison) to %s%n", summary.records(),
                summary.uniqueEvents(), summary.duplicates(), summary.poison(), Topics.AD_EVENTS);
        long start = System.nanoTime();
        SendStats stats;
        double compression;
        try (AdEventProducer producer = new AdEventProducer(env.bootstrapServers(), ProducerSettings.reliable(),
                env.registry(), Topics.AD_EVENTS);
                ProgressBar bar = new ProgressBarBuilder().setTaskName("produce").setInitialMax(summary.records())
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" rec", 1).showSpeed().build()) {
            Iterator<AdRecord> records = gen.records().iterator();
            long n = 0;
            while (records.hasNext()) {
                producer.send(records.next());
                bar.step();
                n++;
                if (rate > 0) {
                    long due = start + (long) (n * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
            producer.flush();
            stats = producer.stats();
            compression = metric(producer.kafkaProducer().metrics(), "compression-rate-avg");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("sent %,d  acknowledged %,d  failed %,d %s in %.1f s (%,.0f records/s); compression-rate-avg"
                + " %.2f (compressed/uncompressed batch size)%n", stats.sent(), stats.acknowledged(), stats.failed(),
                stats.failuresByError().isEmpty() ? "" : stats.failuresByError().toString(), seconds,
                stats.sent() / seconds, compression);
        return stats;
    }

    static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name)
                        && e.getKey().group().equals("producer-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElse(Double.NaN);
    }

    static void sleepQuietly(long ms) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }
}
