package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.Pricing;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p10.billing.BillingEngine;
import dev.dataeng.p10.billing.EmbeddedRedis;
import dev.dataeng.p10.gateway.BatchEncoder;
import dev.dataeng.p10.gateway.EventsGateway;
import dev.dataeng.p10.gateway.GatewayClient;
import dev.dataeng.p10.metrics.Metrics;
import dev.dataeng.p10.platform.FlinkOptions;
import dev.dataeng.p10.platform.PlatformJob;
import dev.dataeng.p10.platform.Topics;
import dev.dataeng.p10.recon.ReconJob;
import dev.dataeng.p10.recon.ReconReport;
import dev.dataeng.p10.serving.SpendAnswer;
import dev.dataeng.p10.serving.SpendView;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * Proof through failures: a dirty stream (duplicates, late events, poison) runs through the platform while three
 * components are killed — the gateway at 20% (clients retry), the Flink speed layer at 50% (restarted without its
 * state: the Zomato incident), the billing engine at 80% (restarted from its committed offsets) — then the recon
 * runs over the lake. The final billed spend must equal the generator's truth exactly.
 */
class FaultsTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path work;

    static AdEventGenerator generator;
    static Map<String, Campaign> campaigns;
    static List<AdEvent> truth;
    static EmbeddedRedis redisServer;
    static BillingEngine billing;
    static SparkSession spark;
    static Campaign capped;
    static Map<Integer, Long> restartOffsets;
    static Map<String, Long> billedBeforeRecon = new TreeMap<>();
    static Map<String, Long> minutesBeforeRecon = new TreeMap<>();
    static ReconReport report;
    static long gatewayRetries;

    @BeforeAll
    static void runWithThreeKills() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        Topics.create(bootstrap, 3);
        generator = new AdEventGenerator(AdConfig.dirty(GradingSeed.of(4242), 4_000).withDirt(0.10, 0.02, 0.05, 0.01));
        truth = generator.uniqueEvents().toList();
        Map<String, Long> daySpend = Oracle.perDay(truth, generator.campaignsById());
        // the hottest CPM campaign-day: impressions are spread evenly over the stream, so 10% of its day is spent well
        // before the kill at 50% (a CPC day is paid by clicks up to 9 minutes after their impressions: on a
        // 400-second stream most of them arrive in its second half, and the pause could come after the kill)
        String hottest = daySpend.entrySet().stream()
                .filter(e -> generator.campaignsById().get(e.getKey().substring(0, e.getKey().indexOf('|')))
                        .pricing() == Pricing.CPM)
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Campaign first = generator.campaignsById().get(hottest.substring(0, hottest.indexOf('|')));
        capped = first.update(daySpend.get(hottest) / 10, first.status(), generator.config().startMs());
        campaigns = new TreeMap<>(generator.campaignsById());
        campaigns.put(capped.campaignId(), capped);
        List<Campaign> catalogue = new ArrayList<>(generator.campaigns());
        catalogue.add(capped);
        AdPublisher.publishCampaigns(bootstrap, Topics.CAMPAIGNS, catalogue);
        redisServer = EmbeddedRedis.start();
        billing = new BillingEngine(bootstrap, redisServer.url(), "p10-billing", Metrics.newRegistry());

        List<AdRecord> records = generator.records().toList();
        List<List<AdRecord>> batches = Streams.batches(records, 100);
        int at50 = batches.size() / 2;
        int at80 = batches.size() * 8 / 10;
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        long clock = generator.config().startMs() + 86_400_000L;
        EventsGateway.Config config = EventsGateway.Config.defaults(bootstrap).withPort(port).withClock(() -> clock);
        EventsGateway gateway = EventsGateway.start(config, campaigns.keySet(), Metrics.newRegistry());
        GatewayClient client = new GatewayClient(gateway.uri(), 20, 1_000);

        // kill 1, the gateway at 20%: batches in flight fail, the client retries them against the new gateway
        AtomicInteger delivered = new AtomicInteger();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < at50; i++) {
                    client.deliver(BatchEncoder.batch(batches.get(i)));
                    delivered.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();
        KafkaWait.until(Duration.ofSeconds(60), "20% of the batches delivered", () -> delivered.get() >= at50 * 2 / 5);
        gateway.close();
        gateway = EventsGateway.start(config, campaigns.keySet(), Metrics.newRegistry());
        sender.join(120_000);
        assertThat(delivered.get()).as("batches delivered before the Flink kill").isEqualTo(at50);

        // kill 2, the speed layer at 50%: the job that ran so far is gone with its state; its successor starts
        // where it stopped reading, with empty dedup and window state
        restartOffsets = Rig.endOffsets(bootstrap);
        FlinkOptions speed = FlinkOptions.defaults(bootstrap, work.resolve("unused").toString()).asBounded()
                .parts(true, false);
        PlatformJob.build(speed, PlatformJob.noRestarts()).execute("speed-before-the-kill");
        Rig.awaitBillingCaughtUp(billing);
        EventsGateway running = gateway;
        KafkaWait.until(Duration.ofSeconds(30), "the gateway to see the pause of " + capped.campaignId()
                + " (billing pauses it when its spend reaches 10% of its day)",
                () -> running.isPaused(capped.campaignId(), generator.config().startMs()));

        for (int i = at50; i < at80; i++) {
            client.deliver(BatchEncoder.batch(batches.get(i)));
        }
        // kill 3, the billing engine at 80%: it is down while the rest arrives; restarted, it resumes from its offsets
        billing.close();
        for (int i = at80; i < batches.size(); i++) {
            client.deliver(BatchEncoder.batch(batches.get(i)));
        }
        gateway.close();
        gatewayRetries = client.retries();
        PlatformJob.build(speed.withGroupId("p10-platform-restarted").startingAt(restartOffsets),
                PlatformJob.noRestarts()).execute("speed-restarted-without-state");
        billing = new BillingEngine(bootstrap, redisServer.url(), "p10-billing", Metrics.newRegistry());
        Rig.awaitBillingCaughtUp(billing);
        for (String key : Oracle.perDay(truth, campaigns).keySet()) {
            billedBeforeRecon.put(key, answer(key).billedMicros());
        }
        Topic.table(bootstrap, Topics.SPEND_REALTIME).values().forEach(v -> minutesBeforeRecon.put(
                v.get("campaign_id").asText() + "|" + v.get("minute_start").asLong(), v.get("spend_micros").asLong()));

        // the lake (never killed here), then the recon
        PlatformJob.build(FlinkOptions.defaults(bootstrap, work.resolve("lake").toString()).asBounded()
                .parts(false, true).withGroupId("p10-lake"), PlatformJob.noRestarts()).execute("lake");
        spark = ReconJob.session("local[2]");
        report = ReconJob.run(spark, ReconJob.Options.all(work.resolve("lake").toString(), bootstrap,
                redisServer.url()), catalogue);
        Rig.awaitBillingCaughtUp(billing);
    }

    static SpendAnswer answer(String campaignDay) {
        return billing.spend(campaignDay.substring(0, campaignDay.indexOf('|')),
                campaignDay.substring(campaignDay.indexOf('|') + 1));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (billing != null) {
            billing.close();
        }
        if (redisServer != null) {
            redisServer.close();
        }
    }

    @Test
    @Checklist(id = "E20", points = 3)
    @DisplayName("faults: after the speed layer restarted without its state, the minutes that straddle the restart are wrong; after the recon every campaign-hour equals the oracle")
    void stateLossIsRepairedByRecon() {
        Map<String, Long> firstCopyOffset = new HashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30))) {
            JsonNode n = Topic.json(r.value());
            firstCopyOffset.putIfAbsent(n.get("event_id").asText(), r.offset());
            partitionOf.putIfAbsent(n.get("event_id").asText(), r.partition());
        }
        Set<String> before = new HashSet<>();
        Set<String> after = new HashSet<>();
        for (AdEvent e : truth) {
            String minute = e.campaignId() + "|" + (e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L));
            boolean early = firstCopyOffset.get(e.eventId()) < restartOffsets.get(partitionOf.get(e.eventId()));
            (early ? before : after).add(minute);
        }
        before.retainAll(after);
        Map<String, Oracle.Cell> exact = Oracle.perMinute(truth, campaigns);
        long wrong = before.stream().filter(m -> exact.get(m).spendMicros() != 0
                && exact.get(m).spendMicros() != minutesBeforeRecon.getOrDefault(m, 0L)).count();
        assertThat(wrong).as("precondition: campaign-minutes straddling the restart that the speed layer got wrong"
                + " (of %d straddling)", before.size()).isPositive();

        Map<String, Long> hours = new TreeMap<>();
        try (RedisClient redis = RedisClient.create(URI.create(redisServer.url()))) {
            SpendView view = new SpendView(redis);
            Oracle.perHour(truth, campaigns).keySet().forEach(cell -> hours.put(cell, view.hourFigure(
                    cell.substring(0, cell.indexOf('|')), Long.parseLong(cell.substring(cell.indexOf('|') + 1)))));
        }
        // the capped campaign is left out: after its pause its events are not billable, so its exact spend is less
        // than the generator's (E21 checks what it is billed)
        Map<String, Long> expected = new TreeMap<>(Oracle.perHour(truth, campaigns));
        expected.keySet().removeIf(k -> k.startsWith(capped.campaignId() + "|"));
        hours.keySet().removeIf(k -> k.startsWith(capped.campaignId() + "|"));
        assertThat(hours).as("campaign|hour -> spend after recon").isEqualTo(expected);
    }

    @Test
    @Checklist(id = "E21", points = 4)
    @DisplayName("faults: three kills (gateway, Flink state, billing) with duplicates and late events: no campaign billed past its budget before recon, and after it every campaign's billed spend equals the generator's truth exactly")
    void threeKillsConvergeExactly() {
        Map<String, Long> expected = new TreeMap<>();
        Oracle.perDay(truth, campaigns).forEach((k, v) -> expected.put(k,
                Math.min(v, campaigns.get(k.substring(0, k.indexOf('|'))).dailyBudgetMicros())));
        billedBeforeRecon.forEach((k, v) -> assertThat(v).as("%s billed before recon, against its budget", k)
                .isLessThanOrEqualTo(campaigns.get(k.substring(0, k.indexOf('|'))).dailyBudgetMicros()));
        assertThat(billedBeforeRecon).as("precondition: the faults left the real-time figures wrong")
                .isNotEqualTo(expected);
        Map<String, Long> billed = new TreeMap<>();
        expected.keySet().forEach(k -> billed.put(k, answer(k).billedMicros()));
        System.out.printf("three kills: client retries %d; recon read %d lake records (%d duplicates),"
                + " compared %d campaign-hours, changed %d by %d micros in total%n", gatewayRetries,
                report.lakeRecords(), report.duplicates(), report.campaignHours(), report.changes().size(),
                report.absoluteDeltaMicros());
        assertThat(billed).as("campaign|day -> billed after recon (truth: the oracle capped at the budget)")
                .isEqualTo(expected);
        assertThat(answer(capped.campaignId() + "|" + Oracle.day(generator.config().startMs())).paused())
                .as("the capped campaign was paused").isTrue();
    }
}
