package dev.dataeng.p10.cli;

import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.p10.platform.Topics;
import dev.dataeng.p10.recon.Correction;
import dev.dataeng.p10.recon.PriceFix;
import dev.dataeng.p10.recon.ReconJob;
import dev.dataeng.p10.recon.ReconReport;
import dev.dataeng.p10.recon.ReconSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The recon on demand against a running platform (its Kafka, Redis and lake): all hours, one day (a backfill, with
 * fixed prices), or a range. Also what {@code spark-submit} runs on a cluster.
 */
@Command(name = "recon", mixinStandardHelpOptions = true,
        description = "Reconcile billing with the lake (Spark) and publish corrections to spend-corrections.")
public final class ReconCommand implements Callable<Integer> {
    @Option(names = "--lake", required = true, description = "the lake's path (file:/…, hdfs://…, s3a://…)")
    String lake;
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka")
    String bootstrapServers;
    @Option(names = "--redis", required = true, description = "billing's Redis, e.g. redis://host:6379")
    String redis;
    @Option(names = "--spark-master", description = "Spark master (default: spark-submit's, else local[2])")
    String master;
    @Option(names = "--day", description = "reconcile only this UTC day, e.g. 2026-01-05 (a backfill)")
    LocalDate day;
    @Option(names = "--fix", description = "a price fixed after the fact, campaign@day=bidMicros, e.g. cmp-0003@2026-01-05=150000000")
    List<PriceFix> fixes = new ArrayList<>();
    @Option(names = "--every", description = "run on a schedule: every N minutes, over the hours closed by the lake's event clock (0: once, now; default ${DEFAULT-VALUE})")
    int every;
    @Option(names = "--lateness", description = "with --every: minutes after an hour's end before it counts as closed (default ${DEFAULT-VALUE})")
    int lateness = 15;
    @Option(names = "--runs", description = "with --every: stop after N runs that reconciled something (0: until stopped; default ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() throws Exception {
        List<Campaign> catalogue = catalogue(bootstrapServers);
        if (catalogue.isEmpty()) {
            throw new IllegalStateException("no campaign on topic " + Topics.CAMPAIGNS + " at " + bootstrapServers);
        }
        ReconJob.Options options = ReconJob.Options.all(lake, bootstrapServers, redis).withFixes(fixes);
        if (day != null) {
            long from = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            options = options.range(from, from + 86_400_000L);
        }
        boolean submitted = master == null && System.getProperty("spark.master") != null; // set by spark-submit
        SparkSession spark = submitted ? SparkSession.builder().appName("p10-recon").getOrCreate()
                : ReconJob.session(master == null ? "local[2]" : master);
        try {
            if (every > 0) {
                return scheduled(spark, options, catalogue);
            }
            ReconReport r = ReconJob.run(spark, options, catalogue);
            System.out.printf("recon v%d: %,d lake records (%,d duplicates), %,d campaign-hours compared, %,d corrections"
                    + " published (%,d changed a figure, |delta| %,.2f rupees)%n", r.version(), r.lakeRecords(),
                    r.duplicates(), r.campaignHours(), r.corrections().size(), r.changes().size(),
                    r.absoluteDeltaMicros() / 1e6);
            for (Correction c : r.changes()) {
                System.out.printf("  %s %s  exact %,.2f  delta %+,.2f%n", c.campaignId(),
                        java.time.Instant.ofEpochMilli(c.hourStart()), c.exactSpendMicros() / 1e6, c.deltaMicros() / 1e6);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Every {@code every} minutes: the hours the lake's event clock has closed since the last run, reconciled. */
    private int scheduled(SparkSession spark, ReconJob.Options options, List<Campaign> catalogue) throws Exception {
        ReconSchedule schedule = new ReconSchedule(spark, options, catalogue, Duration.ofMinutes(every),
                Duration.ofMinutes(lateness), () -> { }, run -> System.out.printf("recon v%d at lake clock %s: hours"
                        + " before %s, %,d corrections (%,d changed a figure)%n", run.report().version(),
                        Instant.ofEpochMilli(run.clockMs()), Instant.ofEpochMilli(run.closedBeforeMs()),
                        run.report().corrections().size(), run.report().changes().size()));
        while (runs == 0 || schedule.runs() < runs) {
            long clock = ReconJob.newestEventTime(spark, lake);
            if (schedule.runNow(clock) == null) {
                System.out.printf("no hour closed since the last run (lake clock %s)%n", Instant.ofEpochMilli(clock));
            }
            if (runs == 0 || schedule.runs() < runs) {
                Thread.sleep(Duration.ofMinutes(every).toMillis());
            }
        }
        return 0;
    }

    /** The last version of every campaign on the catalogue topic. */
    static List<Campaign> catalogue(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Campaign> last = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(Topics.CAMPAIGNS, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Campaign c = AdJson.readCampaign(r.value());
                    last.put(c.campaignId(), c);
                }
            }
        }
        return new ArrayList<>(last.values());
    }
}
