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
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p09.delivery.DeliveryMode;
import dev.dataeng.p09.delivery.JobSettings;
import dev.dataeng.p09.delivery.SpendJob;
import dev.dataeng.p09.delivery.SpendLine;
import dev.dataeng.p09.flink.FlinkSpendJob;
import dev.dataeng.p09.flink.Savepoints;
import dev.dataeng.p09.reprocess.MinuteSpendJob;
import dev.dataeng.p09.reprocess.Replay;
import dev.dataeng.p09.streams.SpendStreamsApp;
import dev.dataeng.p09.streams.StreamsReset;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.WindowCount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Replays by time, a group reset, an idempotent corrected backfill, and a Flink savepoint upgrade. */
class ReprocessingTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none"))).build());

    static final String INPUT = "ad-events";
    static final String CAMPAIGNS = "campaigns";

    @TempDir
    static Path work;

    static AdEventGenerator generator;
    static List<AdEvent> events;
    static Map<String, Campaign> campaigns;
    /** A minute boundary in the middle of the stream: where replays start. */
    static Instant from;

    @BeforeAll
    static void publish() {
        generator = new AdEventGenerator(AdConfig.clean(GradingSeed.of(41), 3_000));
        events = generator.uniqueEvents().toList();
        campaigns = generator.campaignsById();
        KAFKA.cluster().createTopic(INPUT, 3);
        KAFKA.cluster().createTopic(CAMPAIGNS, 1);
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), CAMPAIGNS, generator.campaigns());
        AdPublisher.publish(KAFKA.bootstrapServers(), INPUT, generator.records().iterator());
        long middle = events.get(events.size() / 2).eventTimeMs();
        from = Instant.ofEpochMilli(middle - Math.floorMod(middle, 60_000L));
    }

    static long cost(AdEvent e, Campaign c) {
        return c.pricing() == Pricing.CPC
                ? (e.type() == EventType.CLICK ? c.bidMicros() : 0)
                : (e.type() == EventType.IMPRESSION ? c.bidMicros() / 1000 : 0);
    }

    static Set<String> idsFrom(Instant t) {
        return events.stream().filter(e -> e.eventTimeMs() >= t.toEpochMilli()).map(AdEvent::eventId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    @Checklist(id = "E12", points = 2)
    @DisplayName("replay by time: offsetsForTimes finds per partition the first record at or after T; reading from there gives exactly the events from T on")
    void replayByTimestamp() {
        Set<String> replayed = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> start = Replay.offsetsAt(consumer, INPUT, from);
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> replayed.add(AdJson.readEvent(r.value()).eventId()));
            }
        }
        Set<String> want = idsFrom(from);
        assertThat(replayed).as("events replayed from %s (%d expected): offsetsForTimes per partition, end offset "
                + "where no record is that late (Replay.offsetsAt)", from, want.size()).isEqualTo(want);
    }

    @Test
    @Checklist(id = "E13", points = 2)
    @DisplayName("a consumer group reset to T with alterConsumerGroupOffsets: its committed offsets move there and the job's next run reprocesses exactly the events from T")
    void groupResetReprocessesFromT() {
        String group = "reset-group";
        String output = "spend-reset";
        JobSettings settings = new JobSettings(KAFKA.bootstrapServers(), INPUT, CAMPAIGNS, output,
                output + "-dead-letters", null, group, null, 500, 0);
        new SpendJob(settings).run(DeliveryMode.AT_LEAST_ONCE);
        int firstRun = KafkaTopics.readAll(KAFKA.bootstrapServers(), output, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30)).size();
        // Expected offsets, found by scanning the topic: per partition the first record stamped at or after T.
        Map<Integer, Long> want = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(KAFKA.bootstrapServers(), INPUT,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30))) {
            if (r.timestamp() >= from.toEpochMilli()) {
                want.merge(r.partition(), r.offset(), Math::min);
            }
        }
        Map<Integer, Long> committed = new TreeMap<>();
        try (Admin admin = KAFKA.cluster().admin(); KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Replay.resetGroup(admin, consumer, group, INPUT, from);
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, o) -> committed.put(tp.partition(), o.offset()));
        } catch (Exception e) {
            throw new AssertionError("reading the group's offsets failed: " + e, e);
        }
        assertThat(committed).as("group %s's committed offsets after the reset to %s", group, from).isEqualTo(want);

        new SpendJob(settings).run(DeliveryMode.AT_LEAST_ONCE);
        List<ConsumerRecord<byte[], byte[]>> all = KafkaTopics.readAll(KAFKA.bootstrapServers(), output,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        // The output topic has one partition per campaign key's hash; what the second run added is every line after
        // the first run's: compare as a multiset of event ids.
        Map<String, Long> lines = all.stream().map(r -> SpendLine.fromJson(r.value()).eventId())
                .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
        assertThat(all).as("lines after two runs").hasSize(firstRun + idsFrom(from).size());
        List<String> rerun = new ArrayList<>();
        lines.forEach((id, n) -> {
            if (n > 1) {
                rerun.add(id);
            }
        });
        assertThat(new TreeSet<>(rerun)).as("what the second run of the job wrote").isEqualTo(idsFrom(from));
    }

    @Test
    @Checklist(id = "E14", points = 3)
    @DisplayName("a corrected backfill from T overwrites the wrongly priced windows in place: the table then equals a clean run with the fix, and a second backfill changes nothing")
    void correctedBackfillIsIdempotent() {
        String url = H2.fileUrl(work, "minute-spend");
        Prices fixed = Prices.of(campaigns);
        MinuteSpendJob.run(KAFKA.bootstrapServers(), INPUT, null, fixed, url);            // the old release
        MinuteSpendJob.run(KAFKA.bootstrapServers(), INPUT, from, Prices.withCpmBug(campaigns), url); // the bug ships at T
        Map<String, List<Long>> expected = new TreeMap<>();
        Map<String, long[]> sums = new HashMap<>();
        for (AdEvent e : events) {
            long start = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L);
            long[] s = sums.computeIfAbsent(e.campaignId() + "@" + start, k -> new long[2]);
            s[0]++;
            s[1] += cost(e, campaigns.get(e.campaignId()));
        }
        sums.forEach((k, s) -> expected.put(k, List.of(s[0], s[1])));
        assertThat(table(url)).as("the bug must have changed something, or the backfill proves nothing")
                .isNotEqualTo(expected);

        MinuteSpendJob.run(KAFKA.bootstrapServers(), INPUT, from, fixed, url);            // the corrected backfill
        assertThat(table(url)).as("minute_spend after the corrected backfill from %s: every window from T on is "
                + "replaced whole (MERGE by campaign and minute), the earlier ones stay", from).isEqualTo(expected);
        MinuteSpendJob.run(KAFKA.bootstrapServers(), INPUT, from, fixed, url);
        assertThat(table(url)).as("minute_spend after running the same backfill again (idempotent)")
                .isEqualTo(expected);
    }

    static Map<String, List<Long>> table(String url) {
        Map<String, List<Long>> out = new TreeMap<>();
        H2.rows(url, "SELECT campaign_id, window_start, events, spend_micros FROM minute_spend").forEach(r -> out.put(
                r.get("CAMPAIGN_ID") + "@" + r.get("WINDOW_START"),
                List.of(((Number) r.get("EVENTS")).longValue(), ((Number) r.get("SPEND_MICROS")).longValue())));
        return out;
    }

    @Test
    @Checklist(id = "E15", points = 3)
    @DisplayName("Flink: stop with a savepoint, change the job (a new too-late sink), restore: windows open at the savepoint keep their state, each is committed once with exact counts")
    void savepointUpgradeKeepsWindowState() throws Exception {
        String input = "savepoint-events";
        String output = "savepoint-windows";
        KAFKA.cluster().createTopic(input, 3);
        KAFKA.cluster().createTopic(output, 3);
        KAFKA.cluster().createTopic("savepoint-too-late", 3);
        List<AdEvent> all = new AdEventGenerator(AdConfig.clean(GradingSeed.of(42), 2_000)).uniqueEvents().toList();
        int half = all.size() / 2;
        FlinkSpendJob.Settings settings = new FlinkSpendJob.Settings(KAFKA.bootstrapServers(), input, output,
                "savepoint-job", work.resolve("savepoint-checkpoints"), "savepoint-job", Duration.ofMillis(300),
                Duration.ofSeconds(60), 0);
        Prices prices = Prices.of(campaigns);
        publishEvents(input, all.subList(0, half));

        StreamExecutionEnvironment v1 = StreamExecutionEnvironment.getExecutionEnvironment(
                FlinkSpendJob.configuration(settings));
        v1.setParallelism(1);
        FlinkSpendJob.build(v1, settings, prices, null);
        JobClient job1 = v1.executeAsync("spend-v1");
        try (var progress = new dev.dataeng.p09.crash.GroupProgress(KAFKA.bootstrapServers(), "savepoint-job", input)) {
            KafkaWait.until(Duration.ofSeconds(60), "version 1 to commit the first half (" + half + " events)",
                    () -> progress.committed() >= half);
        }
        String savepoint = Savepoints.stopWithSavepoint(job1, work.resolve("savepoints"));
        publishEvents(input, all.subList(half, all.size()));

        Configuration conf = FlinkSpendJob.configuration(settings);
        conf.addAll(Savepoints.restoreFrom(savepoint));
        StreamExecutionEnvironment v2 = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        v2.setParallelism(1);
        FlinkSpendJob.build(v2, settings, prices, "savepoint-too-late");
        JobClient job2 = v2.executeAsync("spend-v2");

        Map<Integer, Long> newest = new HashMap<>();
        all.forEach(e -> newest.merge(partitionOf(input, e), e.eventTimeMs(), Math::max));
        long watermark = newest.values().stream().mapToLong(Long::longValue).min().orElseThrow() - 5_001;
        Map<String, Long> expected = new TreeMap<>();
        all.stream().filter(e -> e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L) + 59_999 <= watermark)
                .forEach(e -> expected.merge(e.campaignId() + "@"
                        + (e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L)), 1L, Long::sum));
        List<WindowCount> committed = new ArrayList<>();
        try {
            KafkaWait.until(Duration.ofSeconds(60), "version 2 to commit the " + expected.size() + " closed windows",
                    () -> {
                        failIfStopped(job2);
                        committed.clear();
                        KafkaTopics.readAll(KAFKA.bootstrapServers(), output, IsolationLevel.READ_COMMITTED,
                                Duration.ofSeconds(10)).forEach(r -> committed.add(WindowCount.fromJson(r.value())));
                        return committed.stream().map(WindowCount::key).collect(Collectors.toSet())
                                .containsAll(expected.keySet());
                    });
        } finally {
            if (!job2.getJobStatus().get().isGloballyTerminalState()) {
                job2.cancel().get();
            }
        }
        Map<String, Long> times = committed.stream()
                .collect(Collectors.groupingBy(WindowCount::key, TreeMap::new, Collectors.counting()));
        assertThat(times.values()).as("each window committed once across both versions").allMatch(n -> n == 1);
        Map<String, Long> counts = new TreeMap<>();
        committed.forEach(w -> counts.put(w.key(), w.events()));
        assertThat(counts).as("events per window; a window open at the savepoint counts its first-half events only "
                + "if version 2 restored the savepoint (Savepoints.restoreFrom) and the window operator kept its uid "
                + "(FlinkLateData.countPerWindow)")
                .isEqualTo(expected);
    }

    /** Fails at once, with the job's own error, when version 2 stopped instead of running (e.g. a failed restore). */
    static void failIfStopped(JobClient job) {
        try {
            var status = job.getJobStatus().get(10, java.util.concurrent.TimeUnit.SECONDS);
            if (!status.isGloballyTerminalState()) {
                return;
            }
            StringBuilder why = new StringBuilder();
            try {
                job.getJobExecutionResult().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                    why.append("\n  caused by: ").append(c);
                }
            }
            throw new AssertionError("version 2 stopped (" + status + ") before it committed the closed windows: a "
                    + "restore that cannot map the savepoint's state to an operator of the changed job fails like "
                    + "this (does the window operator carry a uid? FlinkLateData.countPerWindow; does "
                    + "Savepoints.restoreFrom name the savepoint?)" + why);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return; // no status now: look again on the next poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Checklist(id = "E16", points = 3)
    @DisplayName("Kafka Streams application reset (offsets to earliest, internal topics deleted, local state cleaned): the fixed application's windows then equal a clean run")
    void streamsApplicationResetReprocessesEverything() throws Exception {
        String app = "reset-app";
        String output = "reset-windows";
        KAFKA.cluster().createTopic(output, 3);
        KAFKA.cluster().createTopic("reset-too-late", 3);
        Path state = work.resolve("reset-state");
        runStreamsToEnd(app, state, Prices.withCpmBug(campaigns), output);   // the release with the pricing bug
        try (Admin admin = KAFKA.cluster().admin()) {
            Set<String> deleted = StreamsReset.reset(admin, app, List.of(INPUT));
            KafkaWait.until(Duration.ofSeconds(30), "the internal topics " + deleted + " to be gone",
                    () -> topics(admin).stream().noneMatch(deleted::contains));
        }
        runStreamsToEnd(app, state, Prices.of(campaigns), output);           // the fixed release, from the start

        Map<String, List<Long>> expected = new TreeMap<>();
        Map<String, long[]> sums = new HashMap<>();
        for (AdEvent e : events) {
            long start = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L);
            long[] s = sums.computeIfAbsent(e.campaignId() + "@" + start, k -> new long[2]);
            s[0]++;
            s[1] += cost(e, campaigns.get(e.campaignId()));
        }
        sums.forEach((k, s) -> expected.put(k, List.of(s[0], s[1])));
        Map<String, List<Long>> last = new TreeMap<>();
        KafkaTopics.readAll(KAFKA.bootstrapServers(), output, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30))
                .forEach(r -> {
                    WindowCount w = WindowCount.fromJson(r.value());
                    last.put(w.key(), List.of(w.events(), w.spendMicros()));
                });
        assertThat(last).as("the last (events, spend) per window after the reset and the fixed run: without the "
                + "offset reset nothing is reprocessed; without deleting the changelog the old sums are restored and "
                + "added to (StreamsReset.reset)").isEqualTo(expected);
    }

    static Set<String> topics(Admin admin) {
        try {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the Kafka Streams application in this JVM until its group has committed the whole input, then closes it. */
    static void runStreamsToEnd(String app, Path state, Prices prices, String output) {
        long total = events.size();
        try (KafkaStreams streams = SpendStreamsApp.create(SpendStreamsApp.properties(KAFKA.bootstrapServers(), app,
                state), INPUT, output, "reset-too-late", prices, 0);
                var progress = new dev.dataeng.p09.crash.GroupProgress(KAFKA.bootstrapServers(), app, INPUT)) {
            streams.cleanUp(); // (3) of a reset: no local state survives from an earlier run
            streams.start();
            KafkaWait.until(Duration.ofSeconds(60), "application " + app + " to commit all " + total + " events",
                    () -> progress.committed() >= total);
            streams.close(SpendStreamsApp.LEAVE_GROUP); // a static member stays in its group unless told to leave
        }
    }

    /** The savepoint test places events itself (campaign hash mod 3), so it knows each partition's newest event. */
    static int partitionOf(String topic, AdEvent e) {
        return Math.floorMod(e.campaignId().hashCode(), 3);
    }

    static void publishEvents(String topic, List<AdEvent> list) {
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (AdEvent e : list) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, partitionOf(topic, e),
                        e.eventTimeMs(), e.campaignId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        AdJson.write(e)));
            }
        }
    }
}
