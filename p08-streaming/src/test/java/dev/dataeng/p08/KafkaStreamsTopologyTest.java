package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p08.kstreams.AdTopology;
import dev.dataeng.p08.kstreams.Emission;
import dev.dataeng.p08.kstreams.JsonSerde;
import dev.dataeng.p08.kstreams.SessionTopology;
import dev.dataeng.p08.kstreams.SilenceTopology;
import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.UserSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import dev.dataeng.common.ads.AdRecord;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams topologies on {@link TopologyTestDriver}: the real Streams runtime, one task, no broker, in-memory
 * stores. The events are piped in arrival order with their event time, exactly as they sit on the topic.
 */
class KafkaStreamsTopologyTest {
    static final AdInput INPUT = AdInput.standard();

    static Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "p08-ttd");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092");
        p.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // every update visible: the emission test counts them
        return p;
    }

    static <T> List<T> run(Query query, Emission emission, Class<T> type) {
        Properties config = config();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                AdTopology.build(query, "events", "out", INPUT.rateCard, emission, config), config)) {
            TestInputTopic<String, AdEvent> in = driver.createInputTopic("events", Serdes.String().serializer(),
                    JsonSerde.adEvents().serializer());
            for (AdRecord r : INPUT.records) {
                AdEvent e = ((AdRecord.Event) r).event();
                in.pipeInput(e.campaignId(), e, e.eventTimeMs());
            }
            TestOutputTopic<String, T> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                    JsonSerde.of(type).deserializer());
            return out.readValuesToList();
        }
    }

    @Test
    @Checklist(id = "E1", points = 3)
    @DisplayName("Kafka Streams, query 1: impressions, clicks and spend per campaign per event-time minute, one final row per window, equal to the oracle")
    void tumblingMinuteSpend() {
        List<MinuteSpend> got = run(Query.TUMBLING, Emission.FINAL, MinuteSpend.class).stream()
                .filter(m -> INPUT.isRealWindow(m.windowStartMs())).toList();
        Expect.sameRows("Kafka Streams minute spend", Oracle.minuteSpend(INPUT.realEvents(), INPUT.rateCard), got, Keys::of,
                "AdTopology.minuteSpend: tumbling event-time windows of 1 minute (EventTimeExtractor gives the "
                        + "event's own time), grace MAX_OUT_OF_ORDER, spend from the RateCard, FINAL = suppress");
    }

    @Test
    @Checklist(id = "E2", points = 3)
    @DisplayName("Kafka Streams, query 2: clicks and impressions per campaign per hour sliding every 15 minutes, equal to the oracle")
    void slidingHourlyCtr() {
        List<HourlyCtr> got = run(Query.SLIDING, Emission.FINAL, HourlyCtr.class).stream()
                .filter(h -> INPUT.isRealWindow(h.windowStartMs())).toList();
        Expect.sameRows("Kafka Streams hourly CTR", Oracle.hourlyCtr(INPUT.realEvents()), got, Keys::of,
                "AdTopology.hourlyCtr: TimeWindows of HOUR advanced by SLIDE (hopping), so each event counts in 4 hours");
    }

    @Test
    @Checklist(id = "E3", points = 3)
    @DisplayName("Kafka Streams, query 5: each click joined to its impression within 10 minutes (bounds included), the others flagged unmatched, equal to the oracle")
    void clickImpressionJoin() {
        List<ClickVerdict> got = run(Query.JOIN, Emission.FINAL, ClickVerdict.class).stream()
                .filter(v -> INPUT.isRealWindow(v.clickTimeMs())).toList();
        Expect.sameRows("Kafka Streams click verdicts", Oracle.clickVerdicts(INPUT.realEvents()), got, Keys::of,
                "AdTopology.clickVerdicts: clicks LEFT JOIN impressions on impression id, JoinWindows of JOIN_BOUND "
                        + "before and 0 after (a click never bills an impression served after it)");
    }

    @Test
    @Checklist(id = "E4", points = 2)
    @DisplayName("Kafka Streams emission: without suppression every event emits an update of its window (the last one is the answer); with suppression exactly one final row per window")
    void updatesVersusFinal() {
        List<MinuteSpend> updates = run(Query.TUMBLING, Emission.UPDATES, MinuteSpend.class);
        List<MinuteSpend> finals = run(Query.TUMBLING, Emission.FINAL, MinuteSpend.class);
        assertThat(updates).as("UPDATES with the record cache off emit one record per input event (each changes its "
                + "window's row): expected %d, the number of events", INPUT.events.size()).hasSize(INPUT.events.size());
        Map<String, MinuteSpend> lastPerWindow = updates.stream()
                .collect(Collectors.toMap(Keys::of, Function.identity(), (a, b) -> b));
        assertThat(finals).as("FINAL emits each closed window once (suppress(untilWindowCloses))")
                .doesNotHaveDuplicates().hasSize((int) finals.stream().map(Keys::of).distinct().count());
        Expect.sameRows("last update per window (UPDATES)", Oracle.minuteSpend(INPUT.realEvents(), INPUT.rateCard),
                lastPerWindow.values().stream().filter(m -> INPUT.isRealWindow(m.windowStartMs())).toList(), Keys::of,
                "the last update of a window is its final value: a downstream table upserting by window key ends "
                        + "equal to the suppressed output");
    }

    /**
     * Pipes the input into {@code topology} (topic "events" to "out") and returns every output record, tombstones
     * (null values) included. {@code wallClockPerRecord}: how far TopologyTestDriver's wall clock moves after each
     * record, as it would during a replay (zero: it stands still).
     */
    static <T> List<KeyValue<String, T>> pipe(Topology topology, Properties config, Class<T> type,
            Duration wallClockPerRecord) {
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
            TestInputTopic<String, AdEvent> in = driver.createInputTopic("events", Serdes.String().serializer(),
                    JsonSerde.adEvents().serializer());
            for (AdRecord r : INPUT.records) {
                AdEvent e = ((AdRecord.Event) r).event();
                in.pipeInput(e.campaignId(), e, e.eventTimeMs());
                if (!wallClockPerRecord.isZero()) {
                    driver.advanceWallClockTime(wallClockPerRecord);
                }
            }
            TestOutputTopic<String, T> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                    JsonSerde.of(type).deserializer());
            return out.readKeyValuesToList();
        }
    }

    static List<KeyValue<String, UserSession>> sessionLog(Emission emission) {
        Properties config = config();
        return pipe(SessionTopology.build("events", "out", emission, config), config, UserSession.class,
                Duration.ZERO);
    }

    /** The update log read as a table: the last value per key, a null value deletes the key. */
    static Map<String, UserSession> asTable(List<KeyValue<String, UserSession>> log) {
        Map<String, UserSession> table = new LinkedHashMap<>();
        for (KeyValue<String, UserSession> kv : log) {
            if (kv.value == null) {
                table.remove(kv.key);
            } else {
                table.put(kv.key, kv.value);
            }
        }
        return table;
    }

    static List<UserSession> realSessions(java.util.Collection<UserSession> sessions) {
        return sessions.stream().filter(s -> INPUT.isRealWindow(s.startMs())).toList();
    }

    @Test
    @Checklist(id = "E22", points = 3)
    @DisplayName("Kafka Streams, query 3: each user's sessions (30 minutes of event time without an event end one) from session windows; the update log read as a table keyed by user and start equals the oracle")
    void userSessions() {
        List<KeyValue<String, UserSession>> log = sessionLog(Emission.UPDATES);
        List<KeyValue<String, UserSession>> misKeyed = log.stream()
                .filter(kv -> kv.value != null && !kv.key.equals(kv.value.key())).toList();
        assertThat(misKeyed).as("each session record is keyed by user@start (UserSession.key()), so a newer version "
                + "of the same session overwrites it downstream").isEmpty();
        Expect.sameRows("Kafka Streams user sessions (the update log as a table)",
                Oracle.sessions(INPUT.realEvents()), realSessions(asTable(log).values()), Keys::of,
                "SessionTopology.userSessions: group by user, SessionWindows.ofInactivityGapAndGrace(SESSION_GAP = 30 "
                        + "minutes, MAX_OUT_OF_ORDER), a merger for merged sessions, and the tombstones of merged "
                        + "sessions kept (a null value must reach the output topic under the old session's key)");
    }

    @Test
    @Checklist(id = "E26", points = 2)
    @DisplayName("Kafka Streams session emission: an out-of-order event that bridges two sessions deletes both with tombstones and writes the merged one; with suppression each final session comes out once, no tombstone")
    void sessionMergeTombstones() {
        List<UserSession> merged = Oracle.sessions(INPUT.realEvents()).stream()
                .filter(s -> s.userId().equals(AdInput.MERGE_USER)).toList();
        assertThat(merged).as("the input's merge user has one session of 3 events in the oracle").hasSize(1)
                .allMatch(s -> s.events() == 3);
        String laterSession = AdInput.MERGE_USER + "@" + merged.get(0).endMs(); // the session the bridge merged away
        List<UserSession> laterVersions = new ArrayList<>();
        sessionLog(Emission.UPDATES).stream().filter(kv -> kv.key.equals(laterSession))
                .forEach(kv -> laterVersions.add(kv.value));
        assertThat(laterVersions).as("updates for %s: the later session written when its event came, then deleted "
                + "by a tombstone (null) when the bridging event merged it into the earlier one", laterSession)
                .hasSize(2).last().isNull();
        List<KeyValue<String, UserSession>> finals = sessionLog(Emission.FINAL);
        assertThat(finals).as("suppress(untilWindowCloses) emits closed sessions only: no tombstone")
                .allMatch(kv -> kv.value != null);
        Expect.sameRows("Kafka Streams user sessions, suppressed (each record as it comes)",
                Oracle.sessions(INPUT.realEvents()), realSessions(finals.stream().map(kv -> kv.value).toList()),
                Keys::of, "FINAL: suppress(untilWindowCloses(unbounded())) on the session table: a session comes out "
                        + "once stream time has passed its end + gap + grace, merged sessions never");
    }

    @Test
    @Checklist(id = "E27", points = 3)
    @DisplayName("Kafka Streams, query 6: a processor with a state store and a stream-time punctuation raises the oracle's silence alerts (campaign silent for 5 minutes of event time)")
    void silenceAlertsFromPunctuation() {
        Properties config = config();
        // The wall clock moves 100 ms per record, as during a replay: a rule on wall-clock time fires at the
        // wrong moments; one on stream time does not see it.
        List<SilenceAlert> got = pipe(SilenceTopology.build("events", "out", config), config, SilenceAlert.class,
                Duration.ofMillis(100)).stream().map(kv -> kv.value)
                .filter(a -> INPUT.isRealWindow(a.silentSinceMs())).toList();
        Expect.sameRows("Kafka Streams silence alerts", Oracle.silenceAlerts(INPUT.events).stream()
                .filter(a -> INPUT.isRealWindow(a.silentSinceMs())).toList(), got, Keys::of,
                "SilenceTopology.SilenceProcessor: store the latest impression per campaign; schedule a punctuation "
                        + "on PunctuationType.STREAM_TIME (event time, not the wall clock); report a silence once, "
                        + "when stream time - MAX_OUT_OF_ORDER passes latest + SILENCE (or when a later impression "
                        + "ends it first)");
    }
}
