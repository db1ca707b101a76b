package dev.dataeng.p09;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.common.ads.Pricing;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.p09.crash.EngineDrills;
import dev.dataeng.p09.time.WindowCount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams (exactly_once_v2) and Flink (checkpoints + transactional KafkaSink) run their windowed spend job in a
 * child JVM that is SIGKILLed at 20%, 50% and 80% of the input, then finishes; per-window results must be exact.
 */
class EngineCrashTest {
    /** Below the 1 h that KafkaSink's EXACTLY_ONCE would default to: a sink that does not set its timeout fails. */
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker()
            .brokerConfig("transaction.max.timeout.ms", "120000");

    static final String INPUT = "ad-events";
    static final String CAMPAIGNS = "campaigns";
    static final int PARTITIONS = 3;
    /**
     * After the input, each partition ends with one "closer" event of this campaign, two minutes after the newest
     * event: it moves Flink's watermark past every real window. Watermarks are not in a checkpoint, so the Flink
     * drill sends more closers before each restart (only new events move a restored job's watermark). Their own
     * window stays open.
     */
    static final String CLOSER = "cmp-closer";

    /** Kept when a test fails: the drills' job logs (flink/flink.log, streams/streams.log) are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    static long records;
    static long closerTime;
    static int closersSent;
    /** campaign@windowStart -> {events, spend micros}, from the generator in plain Java. */
    static Map<String, List<Long>> expected;

    @BeforeAll
    static void publish() {
        AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(GradingSeed.of(31), 2_000));
        KAFKA.cluster().createTopic(INPUT, PARTITIONS);
        KAFKA.cluster().createTopic(CAMPAIGNS, 1);
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), CAMPAIGNS, generator.campaigns());
        records = AdPublisher.publish(KAFKA.bootstrapServers(), INPUT, generator.records().iterator()).records();
        closerTime = generator.uniqueEvents().mapToLong(AdEvent::eventTimeMs).max().orElseThrow() + 120_000;
        closers();
        Map<String, Campaign> byId = generator.campaignsById();
        Map<String, long[]> sums = new TreeMap<>();
        for (AdEvent e : generator.uniqueEvents().toList()) {
            Campaign c = byId.get(e.campaignId());
            long cost = c.pricing() == Pricing.CPC
                    ? (e.type() == EventType.CLICK ? c.bidMicros() : 0)
                    : (e.type() == EventType.IMPRESSION ? c.bidMicros() / 1000 : 0);
            long start = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L);
            long[] s = sums.computeIfAbsent(e.campaignId() + "@" + start, k -> new long[2]);
            s[0]++;
            s[1] += cost;
        }
        expected = new TreeMap<>();
        sums.forEach((k, s) -> expected.put(k, List.of(s[0], s[1])));
    }

    /**
     * One closer event per partition, all at {@link #closerTime}; the Flink drill sends them again before each
     * restart, as the heartbeat a restored job needs (in production: the next real events). They count in
     * {@link #records}, the input a job has to process.
     */
    static void closers() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                String id = "closer-" + p + "-" + closersSent++;
                AdEvent closer = new AdEvent(id, EventType.IMPRESSION, CLOSER, "u-closer", id, closerTime);
                producer.send(new ProducerRecord<>(INPUT, p, closerTime, CLOSER.getBytes(StandardCharsets.UTF_8),
                        AdJson.write(closer)));
            }
        }
        records += PARTITIONS;
    }

    /** (events, spend) per window, the closers' windows left out. */
    static Map<String, List<Long>> values(Map<String, WindowCount> windows) {
        Map<String, List<Long>> out = new TreeMap<>();
        windows.forEach((k, w) -> {
            if (!w.campaignId().equals(CLOSER)) {
                out.put(k, List.of(w.events(), w.spendMicros()));
            }
        });
        return out;
    }

    @Test
    @Checklist(id = "E10", points = 3)
    @DisplayName("Kafka Streams with exactly_once_v2 survives three SIGKILLs: every window's final events and spend equal the generator's exactly")
    void kafkaStreamsExactlyOnceSurvivesKills() {
        EngineDrills.Run run = EngineDrills.streams(KAFKA.bootstrapServers(), INPUT, CAMPAIGNS, records,
                work.resolve("streams"), 2_000);
        Map<String, WindowCount> last = new HashMap<>();
        run.committed().forEach(w -> last.put(w.key(), w));
        assertThat(values(last)).as("final (events, spend) per campaign and minute after %s: at_least_once restores "
                + "state from a changelog that can be ahead of the committed input offsets and counts events twice; "
                + "set processing.guarantee (SpendStreamsApp.properties)", run.drill().describe())
                .isEqualTo(expected);
    }

    @Test
    @Checklist(id = "E11", points = 3)
    @DisplayName("Flink with checkpoints and a KafkaSink at EXACTLY_ONCE survives three SIGKILLs: each window committed exactly once, with exact events and spend")
    void flinkExactlyOnceSurvivesKills() {
        List<List<WindowCount>> lastSeen = new ArrayList<>(List.of(List.of()));
        EngineDrills.Run run;
        try {
            run = EngineDrills.flink(KAFKA.bootstrapServers(), INPUT, CAMPAIGNS, records,
                    work.resolve("flink"), 3_000, EngineCrashTest::closers, committed -> {
                        lastSeen.set(0, committed);
                        return committed.stream().map(WindowCount::key).collect(Collectors.toSet())
                                .containsAll(expected.keySet());
                    });
        } catch (IllegalStateException e) {
            Set<String> missing = new TreeSet<>(expected.keySet());
            lastSeen.get(0).forEach(w -> missing.remove(w.key()));
            String why = String.valueOf(e.getMessage());
            int log = why.indexOf("; log ");
            throw new AssertionError("the Flink drill did not complete: " + (log < 0 ? why : why.substring(0, log))
                    + "; its progress is the input its checkpoints committed (at 0: are checkpoints on? "
                    + "FlinkSpendJob.configuration); a job that exits logs its error and the causes under it "
                    + "(the log's tail is below): check the sink against step 8 (EXACTLY_ONCE, a transactional id "
                    + "prefix, "
                    + "transaction.timeout.ms at most this broker's transaction.max.timeout.ms of 120 s); "
                    + missing.size() + " of " + expected.size() + " windows never committed, e.g. "
                    + missing.stream().limit(5).toList() + (log < 0 ? "" : why.substring(log)), e);
        }
        System.out.printf("%nFlink drill: %s (of the input as it was at the start; %d heartbeat closers were added "
                + "before the restarts); %d window results committed for %d windows%n", run.drill().describe(),
                closersSent - PARTITIONS, run.committed().size(), expected.size());
        Map<String, Long> emitted = run.committed().stream()
                .collect(Collectors.groupingBy(WindowCount::key, TreeMap::new, Collectors.counting()));
        Map<String, Long> twice = new TreeMap<>();
        emitted.forEach((k, n) -> {
            if (n > 1) {
                twice.put(k, n);
            }
        });
        assertThat(twice).as("windows committed more than once after %s: an AT_LEAST_ONCE sink re-emits what it wrote "
                + "after the last checkpoint (FlinkSpendJob.sink)", run.drill().describe()).isEmpty();
        Map<String, WindowCount> byKey = new HashMap<>();
        run.committed().forEach(w -> byKey.put(w.key(), w));
        assertThat(values(byKey)).as("(events, spend) per campaign and minute of every window, after %s (the "
                + "closers move the watermark past all of them)", run.drill().describe()).isEqualTo(expected);
    }
}
