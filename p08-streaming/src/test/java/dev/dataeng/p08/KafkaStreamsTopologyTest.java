package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p08.kstreams.AdTopology;
import dev.dataeng.p08.kstreams.Emission;
import dev.dataeng.p08.kstreams.JsonSerde;
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
}
