package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.ads.Arrival;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p10.billing.BillingEngine;
import dev.dataeng.p10.billing.EmbeddedRedis;
import dev.dataeng.p10.billing.Invoice;
import dev.dataeng.p10.serving.SpendAnswer;
import dev.dataeng.p10.gateway.BatchEncoder;
import dev.dataeng.p10.gateway.EventsGateway;
import dev.dataeng.p10.gateway.GatewayClient;
import dev.dataeng.p10.metrics.Metrics;
import dev.dataeng.p10.platform.FlinkOptions;
import dev.dataeng.p10.platform.PlatformJob;
import dev.dataeng.p10.platform.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.sun.net.httpserver.HttpServer;

/**
 * The real-time path end to end on embedded engines: generator → gateway (HTTP) → Kafka → Flink (speed layer SQL
 * + lake sink, run bounded so it finishes) → spend-realtime and the lake. The stream is dirty (out of order,
 * duplicates, poison) but has no late events: with those, the exact per-minute answer of the speed layer is the
 * generator's truth.
 */
class RealTimePathTest {
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
    static EventsGateway gateway;
    static EmbeddedRedis redisServer;
    static BillingEngine billing;
    /** The campaign whose budget the test lowers to half its spend of the day: billing must pause it. */
    static Campaign capped;
    static String day;
    static List<AdEvent> extras = new ArrayList<>();

    @BeforeAll
    static void runTheRealTimePath() throws Exception {
        Topics.create(KAFKA.bootstrapServers(), 3);
        generator = new AdEventGenerator(AdConfig.dirty(GradingSeed.of(2026), 3_000).withDirt(0.10, 0.0, 0.05, 0.01));
        truth = generator.uniqueEvents().toList();
        Map<String, Campaign> created = generator.campaignsById();
        Map<String, Long> daySpend = Oracle.perDay(truth, created);
        String hottest = daySpend.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        day = hottest.substring(hottest.indexOf('|') + 1);
        Campaign first = created.get(hottest.substring(0, hottest.indexOf('|')));
        capped = first.update(daySpend.get(hottest) / 2, first.status(), generator.config().startMs());
        campaigns = new TreeMap<>(created);
        campaigns.put(capped.campaignId(), capped);
        List<Campaign> catalogue = new ArrayList<>(generator.campaigns());
        catalogue.add(capped);
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), Topics.CAMPAIGNS, catalogue);

        long clock = generator.config().startMs() + 86_400_000L;
        gateway = EventsGateway.start(EventsGateway.Config.defaults(KAFKA.bootstrapServers()).withClock(() -> clock),
                campaigns.keySet(), Metrics.newRegistry());
        GatewayClient client = new GatewayClient(gateway.uri(), 50, 100);
        Streams.deliverAll(client, generator.records().toList(), 250);
        PlatformJob.build(FlinkOptions.defaults(KAFKA.bootstrapServers(), work.resolve("lake").toString()).asBounded(),
                PlatformJob.noRestarts()).execute("p10-platform-test");

        redisServer = EmbeddedRedis.start();
        billing = new BillingEngine(KAFKA.bootstrapServers(), redisServer.url(), "p10-billing-test", Metrics.newRegistry());
        awaitBillingCaughtUp();
        KafkaWait.until(Duration.ofSeconds(30), "the gateway to see the pause of " + capped.campaignId(),
                () -> gateway.isPaused(capped.campaignId(), generator.config().startMs()));

        // the ad server keeps sending events of the paused campaign: accepted, recorded, not billed
        long t = generator.summarize().lastEventTimeMs();
        for (int i = 0; i < 40; i++) {
            boolean click = i % 4 == 3;
            extras.add(new AdEvent((click ? "clk-extra-" : "imp-extra-") + i, click ? EventType.CLICK : EventType.IMPRESSION,
                    capped.campaignId(), "u-1", "imp-extra-" + (click ? i - 1 : i), t));
        }
        client.deliver(BatchEncoder.batch(extras.stream().map(e -> (AdRecord) new AdRecord.Event(0, t, e,
                Arrival.ON_TIME)).toList()));
        // the job runs again over everything (fresh state, new lake): every spend-realtime record is delivered twice
        PlatformJob.build(FlinkOptions.defaults(KAFKA.bootstrapServers(), work.resolve("lake-rerun").toString())
                .asBounded().withGroupId("p10-platform-rerun"), PlatformJob.noRestarts()).execute("p10-platform-rerun");
        awaitBillingCaughtUp();
    }

    static void awaitBillingCaughtUp() {
        Rig.awaitBillingCaughtUp(billing);
    }

    @AfterAll
    static void stop() {
        if (billing != null) {
            billing.close();
        }
        if (redisServer != null) {
            redisServer.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** campaign|day → what must be billed: the oracle's spend capped at the (last) budget. */
    static Map<String, Long> expectedBilled() {
        Map<String, Long> out = new TreeMap<>();
        Oracle.perDay(truth, campaigns).forEach((k, spend) -> out.put(k,
                Math.min(spend, campaigns.get(k.substring(0, k.indexOf('|'))).dailyBudgetMicros())));
        return out;
    }

    static Map<String, Oracle.Cell> spendRealtime() {
        Map<String, Oracle.Cell> out = new TreeMap<>();
        Topic.table(KAFKA.bootstrapServers(), Topics.SPEND_REALTIME).values().forEach(v -> out.put(
                v.get("campaign_id").asText() + "|" + v.get("minute_start").asLong(),
                new Oracle.Cell(v.get("impressions").asLong(), v.get("clicks").asLong(), v.get("spend_micros").asLong())));
        return out;
    }

    @Test
    @Checklist(id = "E5", points = 3)
    @DisplayName("speed layer: deduplication drops exactly the generator's duplicate deliveries: impressions and clicks counted over all minutes equal the unique events")
    void dedupDropsExactlyTheDuplicates() {
        Map<String, Oracle.Cell> found = spendRealtime();
        long impressions = found.values().stream().mapToLong(Oracle.Cell::impressions).sum();
        long clicks = found.values().stream().mapToLong(Oracle.Cell::clicks).sum();
        long expectedImpressions = truth.stream().filter(e -> e.type().name().equals("IMPRESSION")).count();
        long duplicates = generator.summarize().duplicates();
        assertThat(duplicates).as("the stream carries duplicate deliveries").isPositive();
        assertThat(impressions + clicks).as("events counted by the speed layer (the stream had %d duplicate"
                + " deliveries; more = dedup missing, fewer = dedup too eager or windows dropping events: see"
                + " SpeedLayer.dedupQuery)", duplicates).isEqualTo(truth.size());
        assertThat(impressions).as("impressions counted").isEqualTo(expectedImpressions);
        assertThat(clicks).as("clicks counted").isEqualTo(truth.size() - expectedImpressions);
    }

    @Test
    @Checklist(id = "E6", points = 3)
    @DisplayName("speed layer: spend-realtime holds, per campaign and minute, the impressions, clicks and spend (CPC clicks × bid, CPM impressions × bid / 1000) of the oracle")
    void perMinuteSpendEqualsTheOracle() {
        Map<String, Oracle.Cell> expected = Oracle.perMinute(truth, campaigns);
        Map<String, Oracle.Cell> found = spendRealtime();
        List<String> wrong = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!v.equals(found.get(k)) && wrong.size() < 5) {
                wrong.add(k + " expected " + v + " found " + found.get(k));
            }
        });
        assertThat(wrong).as("campaign|minute cells that differ from the oracle (first 5)").isEmpty();
        assertThat(found.keySet()).as("campaign|minute keys on spend-realtime").isEqualTo(expected.keySet());
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("speed layer: spend-realtime-total holds each campaign's running spend of the day, equal to the oracle")
    void runningTotalEqualsTheOracle() {
        Map<String, Long> found = new TreeMap<>();
        Topic.table(KAFKA.bootstrapServers(), Topics.SPEND_REALTIME_TOTAL).values().forEach(v -> found.put(
                v.get("campaign_id").asText() + "|" + v.get("day").asText(), v.get("spend_micros").asLong()));
        assertThat(found).as("campaign|day -> running spend (micros)").isEqualTo(Oracle.perDay(truth, campaigns));
    }

    @Test
    @Checklist(id = "E8", points = 3)
    @DisplayName("lake: every record of ad-events is in the lake exactly once (by partition and offset), in the date=/hour= directory of its event time")
    void lakeHoldsEveryEventExactlyOncePartitioned() throws IOException {
        List<ConsumerRecord<byte[], byte[]>> onTopic = KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        Map<String, Long> expected = new TreeMap<>();
        onTopic.forEach(r -> expected.put(r.partition() + "/" + r.offset(), 1L));
        DateTimeFormatter dirs = DateTimeFormatter.ofPattern("'date='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);
        Map<String, Long> found = new TreeMap<>();
        List<String> misplaced = new ArrayList<>();
        Path lake = work.resolve("lake-rerun"); // the run that read every record, the extras too
        List<Path> files;
        try (Stream<Path> walk = Files.walk(lake)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".avro")
                    && !p.getFileName().toString().startsWith(".")).toList();
        }
        assertThat(files).as("committed Avro files under %s", lake).isNotEmpty();
        for (Path f : files) {
            String dir = lake.relativize(f.getParent()).toString();
            try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new File(f.toString()),
                    new GenericDatumReader<>())) {
                for (GenericRecord r : reader) {
                    found.merge(r.get("kafka_partition") + "/" + r.get("kafka_offset"), 1L, Long::sum);
                    String want = dirs.format(Instant.ofEpochMilli((Long) r.get("event_time")));
                    if (!want.equals(dir) && misplaced.size() < 5) {
                        misplaced.add(r.get("event_id") + " in " + dir + ", expected " + want);
                    }
                }
            }
        }
        assertThat(misplaced).as("records in the wrong date/hour directory (first 5)").isEmpty();
        assertThat(found.values().stream().mapToLong(Long::longValue).sum())
                .as("records in the lake (ad-events holds %d)", onTopic.size()).isEqualTo(onTopic.size());
        assertThat(found).as("partition/offset -> copies in the lake").isEqualTo(expected);
    }

    @Test
    @Checklist(id = "E9", points = 3)
    @DisplayName("billing: Redis holds, per campaign and day, the billed spend of the oracle (capped at the budget), and the engine's answer is the same figure")
    void redisHoldsTheBilledSpend() {
        Map<String, Long> expected = expectedBilled();
        Map<String, Long> inRedis = new TreeMap<>();
        try (RedisClient redis = RedisClient.create(URI.create(redisServer.url()))) {
            for (String campaign : campaigns.keySet()) {
                redis.hgetAll("p10:spend:" + campaign).forEach((d, v) -> inRedis.put(campaign + "|" + d,
                        Long.parseLong(v)));
            }
        }
        assertThat(inRedis).as("Redis p10:spend:{campaign} (day -> billed micros) against the oracle; see"
                + " BillingEngine.settle/compute").isEqualTo(expected);
        expected.forEach((k, v) -> {
            SpendAnswer a = billing.spend(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1));
            assertThat(a.billedMicros()).as("billing.spend(%s).billedMicros", k).isEqualTo(inRedis.get(k));
        });
    }

    @Test
    @Checklist(id = "E10", points = 3)
    @DisplayName("billing: a campaign is paused (campaign-control) when it reaches its budget and billed exactly its budget; the gateway honours the pause: its later events are accepted but not billable")
    void billingPausesAtTheBudgetAndTheGatewayHonoursIt() {
        Map<String, Long> spend = Oracle.perDay(truth, campaigns);
        spend.forEach((k, v) -> {
            if (!k.startsWith(capped.campaignId() + "|")) {
                assertThat(v).as("precondition: %s stays under its budget", k)
                        .isLessThan(campaigns.get(k.substring(0, k.indexOf('|'))).dailyBudgetMicros());
            }
        });
        List<String> pauses = Topic.table(KAFKA.bootstrapServers(), Topics.CAMPAIGN_CONTROL).isEmpty() ? List.of()
                : KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.CAMPAIGN_CONTROL, IsolationLevel.READ_COMMITTED,
                        Duration.ofSeconds(10)).stream().map(r -> Topic.json(r.value()))
                        .filter(n -> n.get("action").asText().equals("PAUSE"))
                        .map(n -> n.get("campaign_id").asText() + "|" + n.get("day").asText()).toList();
        assertThat(pauses).as("PAUSE records on campaign-control (one per campaign-day at its budget)")
                .containsExactly(capped.campaignId() + "|" + day);
        SpendAnswer a = billing.spend(capped.campaignId(), day);
        assertThat(a.billedMicros()).as("billed for the capped campaign").isEqualTo(capped.dailyBudgetMicros());
        assertThat(a.remainingMicros()).as("remaining budget").isZero();
        assertThat(a.paused()).as("paused").isTrue();

        Map<String, Boolean> billable = new HashMap<>();
        KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30)).forEach(r -> {
                    JsonNode n = Topic.json(r.value());
                    billable.put(n.get("event_id").asText(), n.get("billable").asBoolean());
                });
        for (AdEvent e : extras) {
            assertThat(billable.get(e.eventId())).as("%s sent after the pause: on ad-events with billable=false",
                    e.eventId()).isFalse();
        }
        assertThat(GatewayTest.sample(gateway.registry().scrape(), "p10_gateway_events_unbillable_total", null))
                .as("p10_gateway_events_unbillable_total").isEqualTo(extras.size());
    }

    @Test
    @Checklist(id = "E11", points = 2)
    @DisplayName("billing: every spend-realtime record was delivered twice (the job ran twice) and applied once: the spend per campaign and day equals the oracle")
    void aSpendUpdateDeliveredTwiceIsAppliedOnce() {
        List<ConsumerRecord<byte[], byte[]>> all = KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.SPEND_REALTIME,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        long keys = Topic.table(KAFKA.bootstrapServers(), Topics.SPEND_REALTIME).size();
        assertThat(all.size()).as("precondition: spend-realtime records (%d keys, each at least twice)", keys)
                .isGreaterThanOrEqualTo((int) (2 * keys));
        Oracle.perDay(truth, campaigns).forEach((k, v) -> assertThat(
                billing.spend(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1)).spendMicros())
                .as("spend of %s after every update arrived twice (an increment per delivery would double it)", k)
                .isEqualTo(v));
    }

    @Test
    @Checklist(id = "E12", points = 2)
    @DisplayName("billing: the invoice of every advertiser for the day is the sum of its campaigns' billed spend of the oracle")
    void invoicesPerAdvertiserAndDay() {
        Map<Long, Long> expected = new TreeMap<>();
        expectedBilled().forEach((k, v) -> {
            if (k.endsWith("|" + day)) {
                expected.merge(campaigns.get(k.substring(0, k.indexOf('|'))).advertiserId(), v, Long::sum);
            }
        });
        Map<Long, Long> found = new TreeMap<>();
        for (Long advertiser : expected.keySet()) {
            Invoice invoice = billing.invoice(advertiser, day);
            found.put(advertiser, invoice.totalMicros());
            assertThat(invoice.billedByCampaign().values().stream().mapToLong(Long::longValue).sum())
                    .as("invoice lines of advertiser %d add up to its total", advertiser).isEqualTo(invoice.totalMicros());
        }
        assertThat(found).as("advertiser -> invoice total (micros) for " + day).isEqualTo(expected);
    }

    @Test
    @Checklist(id = "E13", points = 2)
    @DisplayName("metrics: the billing engine's /metrics page exposes spend updates, budget pauses, consumer lag and the end-to-end latency histogram with values that match")
    void billingMetricsMatch() throws Exception {
        HttpServer server = Metrics.start(0, billing.registry());
        try {
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<ConsumerRecord<byte[], byte[]>> spend = KafkaTopics.readAll(KAFKA.bootstrapServers(),
                    Topics.SPEND_REALTIME, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
            long values = spend.stream().filter(r -> r.value() != null).count();
            assertThat(GatewayTest.sample(page, "p10_billing_spend_updates_total", null))
                    .as("p10_billing_spend_updates_total = spend-realtime records applied").isEqualTo(spend.size());
            assertThat(GatewayTest.sample(page, "p10_billing_budget_pauses_total", null))
                    .as("p10_billing_budget_pauses_total").isEqualTo(1);
            assertThat(GatewayTest.sample(page, "p10_billing_consumer_lag_records", null))
                    .as("p10_billing_consumer_lag_records once caught up").isZero();
            assertThat(GatewayTest.sample(page, "p10_billing_end_to_end_latency_seconds_count", null))
                    .as("end-to-end latency observations (one per spend value applied)").isEqualTo(values);
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Checklist(id = "E23", points = 2)
    @DisplayName("status: the status command prints, from the running gateway and billing engine, the accepted events, the pauses and the lag that match the run")
    void statusCommandPrintsTheFigures() throws Exception {
        String table = status();
        long accepted = KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30)).size();
        assertThat(row(table, "gateway: events accepted")).as("'gateway: events accepted' in%n%s", table)
                .isEqualTo(accepted);
        assertThat(row(table, "billing: budget pauses")).as("'billing: budget pauses' in%n%s", table).isEqualTo(1);
        assertThat(row(table, "billing: consumer lag (records)")).as("'billing: consumer lag' in%n%s", table).isZero();
        assertThat(row(table, "gateway: events accepted, not billable (paused)")).as("unbillable row in%n%s", table)
                .isEqualTo(extras.size());
    }

    /** The table the status command prints for the running gateway and billing engine (its exit code checked). */
    static String status() throws Exception {
        HttpServer server = Metrics.start(0, billing.registry());
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        int code;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            code = Cli.run("status", "--gateway", gateway.uri().toString(), "--billing",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
        } finally {
            System.setOut(original);
            server.stop(0);
        }
        String table = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(code).as("exit code of status; output:%n%s", table).isZero();
        return table;
    }

    static long row(String table, String name) {
        for (String line : table.split("\n")) {
            if (line.startsWith(name + " ")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[parts.length - 1].replace(",", ""));
            }
        }
        return -1;
    }

    @Test
    @Checklist(id = "E25", points = 3)
    @DisplayName("speed layer: budget-alerts holds one alert for exactly the campaign-days whose true spend reached the (last) budget, none other, also after the job replayed the whole topic")
    void budgetAlertsForExactlyTheCampaignDaysAtTheirBudget() {
        Set<String> expected = new TreeSet<>();
        Oracle.perDay(truth, campaigns).forEach((k, spend) -> {
            if (spend >= campaigns.get(k.substring(0, k.indexOf('|'))).dailyBudgetMicros()) {
                expected.add(k);
            }
        });
        assertThat(expected).as("precondition: campaign-days at their budget in the oracle").isNotEmpty();
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(KAFKA.bootstrapServers(),
                Topics.BUDGET_ALERTS, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        Set<String> everAlerted = new TreeSet<>();
        Map<String, Long> table = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode key = Topic.json(r.key());
            String k = key.get("campaign_id").asText() + "|" + key.get("day").asText();
            if (r.value() == null) {
                table.remove(k);
            } else {
                everAlerted.add(k);
                table.put(k, Topic.json(r.value()).get("daily_budget_micros").asLong());
            }
        }
        assertThat(everAlerted).as("campaign-days ever alerted on budget-alerts: an alert for a campaign-day whose"
                + " spend never reached its budget (a minute's spend, the first version's budget, a threshold"
                + " below the budget?) is wrong even if retracted later; see SpeedLayer.budgetAlertsQuery")
                .isSubsetOf(expected);
        assertThat(table.keySet()).as("campaign-days alerted (budget-alerts read as a table: one row per campaign"
                + " and day; the job ran twice over ad-events, the replay must rewrite the same keys)")
                .isEqualTo(expected);
        table.forEach((k, budget) -> assertThat(budget).as("daily_budget_micros of the alert %s", k)
                .isEqualTo(campaigns.get(k.substring(0, k.indexOf('|'))).dailyBudgetMicros()));
        Rig.awaitBillingCaughtUp(billing);
        assertThat(billing.budgetAlerts()).as("alerts the billing engine applied (Redis p10:alerts)")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Checklist(id = "E26", points = 2)
    @DisplayName("metrics: p10_speed_dedup_hits on billing's /metrics and in status equals the duplicate deliveries that reached the speed layer (records on ad-events minus distinct event ids)")
    void dedupHitsMetricEqualsTheDuplicatesThatReachedTheSpeedLayer() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> onTopic = KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.AD_EVENTS,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        Set<String> ids = new HashSet<>();
        onTopic.forEach(r -> ids.add(Topic.json(r.value()).get("event_id").asText()));
        long reached = onTopic.size() - ids.size();
        assertThat(reached).as("precondition: duplicate deliveries on ad-events (the generator injected %d)",
                generator.summarize().duplicates()).isGreaterThanOrEqualTo(generator.summarize().duplicates());
        HttpServer server = Metrics.start(0, billing.registry());
        String page;
        try {
            page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            server.stop(0);
        }
        assertThat(GatewayTest.sample(page, "p10_speed_dedup_hits", null)).as("p10_speed_dedup_hits (duplicates the"
                + " speed layer dropped: %d records on ad-events, %d distinct event ids; see"
                + " SpeedLayer.dedupStatsQuery and the dedup-stats topic)", onTopic.size(), ids.size())
                .isEqualTo(reached);
        String table = status();
        assertThat(row(table, "speed: duplicates dropped (dedup hits)")).as("the dedup hits row of status in%n%s",
                table).isEqualTo(reached);
    }
}
