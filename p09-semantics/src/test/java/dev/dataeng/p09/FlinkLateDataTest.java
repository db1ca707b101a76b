package dev.dataeng.p09;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p09.flink.AdEventSource;
import dev.dataeng.p09.time.FlinkLateData;
import dev.dataeng.p09.time.LatenessRules;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.WindowCount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watermarks, allowed lateness, the late side output and the idle-partition trap, on a Flink MiniCluster. */
class FlinkLateDataTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none"))).build());

    static final LatenessRules RULES = new LatenessRules(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ofMinutes(3), null);

    /** 10 minutes of events, 10% out of order (≤ 5 s), 3% late by 2–10 minutes; no duplicates, no poison. */
    static List<AdEvent> arrivals;
    static LatenessOracle oracle;
    static List<WindowCount> results;
    static List<AdEvent> tooLate;

    @BeforeAll
    static void runLateDataJob() throws Exception {
        AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(GradingSeed.of(21), 6_000).withDirt(0.10, 0.03, 0, 0));
        arrivals = generator.records().map(r -> ((AdRecord.Event) r).event()).toList();
        oracle = new LatenessOracle(arrivals, LatenessOracle.Engine.FLINK, 60_000, 5_000, 180_000);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        var events = env.fromData(arrivals, TypeInformation.of(AdEvent.class))
                .assignTimestampsAndWatermarks(FlinkLateData.watermarks(RULES));
        FlinkLateData.Streams out = FlinkLateData.countPerWindow(events, RULES, Prices.NONE);
        // One collected stream of both outputs: "W" + a window result, or "L" + a too-late event.
        var both = out.windows().map(w -> "W" + new String(w.toJson(), StandardCharsets.UTF_8))
                .union(out.tooLate().map(e -> "L" + new String(AdJson.write(e), StandardCharsets.UTF_8)));
        results = new ArrayList<>();
        tooLate = new ArrayList<>();
        try (CloseableIterator<String> it = both.executeAndCollect("late-data")) {
            it.forEachRemaining(s -> {
                byte[] json = s.substring(1).getBytes(StandardCharsets.UTF_8);
                if (s.charAt(0) == 'W') {
                    results.add(WindowCount.fromJson(json));
                } else {
                    tooLate.add(AdJson.readEvent(json));
                }
            });
        }
    }

    @Test
    @Checklist(id = "E6", points = 3)
    @DisplayName("Flink: on time + late but accepted + too late = input, each set exactly the one the watermark rule gives (bound 5 s, allowed lateness 3 min)")
    void everyEventIsAccountedFor() {
        Map<String, WindowCount> first = new HashMap<>();
        Map<String, WindowCount> last = new HashMap<>();
        for (WindowCount w : results) {
            first.putIfAbsent(w.key(), w);
            last.put(w.key(), w);
        }
        // A window's first result holds its on-time events; a window with none (its first event came late) first
        // fires for that late event, so all its events count as late.
        long onTime = first.entrySet().stream().filter(w -> oracle.windowsWithOnTimeEvents.contains(w.getKey()))
                .mapToLong(w -> w.getValue().events()).sum();
        long accepted = last.values().stream().mapToLong(WindowCount::events).sum() - onTime;
        assertThat(List.of(onTime, accepted, (long) tooLate.size()))
                .as("on time, late but accepted, too late (expected %s): the watermark is max event time - 5 s, the "
                        + "window keeps state 3 min past its end (allowedLateness), later events go to the side output",
                        oracle.summary())
                .containsExactly((long) oracle.onTime.size(), (long) oracle.lateAccepted.size(),
                        (long) oracle.tooLate.size());
        assertThat(onTime + accepted + tooLate.size()).as("on time + late accepted + too late = input")
                .isEqualTo(arrivals.size());
        Set<String> sideOutput = new LinkedHashSet<>();
        tooLate.forEach(e -> sideOutput.add(e.eventId()));
        assertThat(sideOutput).as("the events in the late side output").isEqualTo(oracle.tooLate);
        assertThat(oracle.tooLate).as("the input has events too late for the rules (else this test proves nothing)")
                .isNotEmpty();
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("Flink: allowed lateness updates a window's result: late firings follow the on-time one, and each window's last result equals its accepted events")
    void allowedLatenessUpdatesWindows() {
        Map<String, WindowCount> last = new TreeMap<>();
        long lateFirings = 0;
        for (WindowCount w : results) {
            last.put(w.key(), w);
            if (w.firing() > 0 || !oracle.windowsWithOnTimeEvents.contains(w.key())) {
                lateFirings++; // a window without on-time events first fires for a late one
            }
        }
        assertThat(lateFirings).as("late firings (an update per late event accepted within allowed lateness)")
                .isEqualTo(oracle.lateAccepted.size());
        Map<String, Long> finals = new TreeMap<>();
        last.forEach((k, w) -> finals.put(k, w.events()));
        assertThat(finals).as("each window's final count: its on-time and accepted late events")
                .isEqualTo(new TreeMap<>(oracle.finalCounts));
    }

    static int partitionOf(AdEvent e) {
        return Math.floorMod(e.campaignId().hashCode(), 2);
    }

    /** Sends up to {@code count} events from index {@code from}; returns the next index. */
    static int send(KafkaProducer<byte[], byte[]> producer, String topic, List<AdEvent> events, int from, int count) {
        int to = Math.min(events.size(), from + count);
        for (AdEvent e : events.subList(from, to)) {
            producer.send(new ProducerRecord<>(topic, partitionOf(e), e.eventTimeMs(),
                    e.campaignId().getBytes(StandardCharsets.UTF_8), AdJson.write(e)));
        }
        producer.flush();
        return to;
    }

    @Test
    @Checklist(id = "E8", points = 3)
    @DisplayName("Flink on a 3-partition topic with one silent partition: withIdleness lets windows close while the job runs, with the right counts")
    void idlePartitionDoesNotHoldWindowsOpen() throws Exception {
        String topic = "idle-events";
        KAFKA.cluster().createTopic(topic, 3);
        List<AdEvent> events = new AdEventGenerator(AdConfig.clean(GradingSeed.of(22), 3_000)).uniqueEvents().toList();
        // Partition 2 stays silent. The busy partitions keep receiving while the job runs, as in production: a
        // fifth of the events up front, then a chunk every poll of the wait below.
        long[] maxPerPartition = {Long.MIN_VALUE, Long.MIN_VALUE};
        for (AdEvent e : events) {
            int p = partitionOf(e);
            maxPerPartition[p] = Math.max(maxPerPartition[p], e.eventTimeMs());
        }
        // The watermark can reach min over the two busy partitions of (max - 5 s - 1): these windows must close.
        long watermark = Math.min(maxPerPartition[0], maxPerPartition[1]) - 5_000 - 1;
        Map<String, Long> expected = new TreeMap<>();
        for (AdEvent e : events) {
            long start = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L);
            if (start + 60_000 - 1 <= watermark) {
                expected.merge(e.campaignId() + "@" + start, 1L, Long::sum);
            }
        }
        // Idle after 2 s without records: long enough that a busy partition is not declared idle between two
        // fetches on a loaded machine (its records would then be late), short enough for a test.
        LatenessRules rules = new LatenessRules(Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ZERO,
                Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        var source = env.fromSource(AdEventSource.of(KAFKA.bootstrapServers(), topic, "idle-test", false),
                FlinkLateData.watermarks(rules), "ad-events");
        var windows = FlinkLateData.countPerWindow(source, rules, Prices.NONE).windows();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] sent = {0};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
                CloseableIterator<WindowCount> it = windows.executeAndCollect("idle-partition")) {
            sent[0] = send(producer, topic, events, 0, events.size() / 5);
            Thread reader = new Thread(() -> {
                try {
                    it.forEachRemaining(w -> seen.put(w.key(), w.events()));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e); // also how the iterator ends when the job is cancelled on close
                }
            }, "collect-windows");
            reader.setDaemon(true);
            reader.start();
            KafkaWait.until(Duration.ofSeconds(60), "the " + expected.size() + " windows the busy partitions' "
                    + "watermark closes: a partition without data keeps the source's watermark at its start unless "
                    + "the strategy declares idleness (FlinkLateData.watermarks, withIdleness)", () -> {
                        sent[0] = send(producer, topic, events, sent[0], 60);
                        if (failure.get() != null) {
                            throw new IllegalStateException("the Flink job failed: " + failure.get());
                        }
                        return seen.keySet().containsAll(expected.keySet());
                    });
        }
        Map<String, Long> closed = new TreeMap<>();
        expected.keySet().forEach(k -> closed.put(k, seen.get(k)));
        assertThat(closed).as("counts of the closed windows").isEqualTo(expected);
    }
}
