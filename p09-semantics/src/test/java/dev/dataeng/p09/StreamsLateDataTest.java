package dev.dataeng.p09;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.p09.time.LatenessRules;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.StreamsLateData;
import dev.dataeng.p09.time.WindowCount;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Stream time, grace and a too-late topic in Kafka Streams, record by record in a TopologyTestDriver. */
class StreamsLateDataTest {

    @Test
    @Checklist(id = "E9", points = 3)
    @DisplayName("Kafka Streams: on time + late but accepted (grace) + too late = input; too-late events go to their own topic, none is silently dropped")
    void streamTimeGraceAndATooLateTopic() {
        List<AdEvent> arrivals = new AdEventGenerator(AdConfig.clean(GradingSeed.of(21), 6_000).withDirt(0.10, 0.03, 0, 0)).records()
                .map(r -> ((AdRecord.Event) r).event()).toList();
        LatenessOracle oracle = new LatenessOracle(arrivals, LatenessOracle.Engine.KAFKA_STREAMS, 60_000, 0, 180_000);
        LatenessRules rules = new LatenessRules(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(3), null);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "late-data-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // emit every update
        Map<String, WindowCount> last = new TreeMap<>();
        Set<String> tooLate = new LinkedHashSet<>();
        double dropped;
        try (TopologyTestDriver driver = new TopologyTestDriver(
                StreamsLateData.topology("ad-events", "window-counts", "too-late-events", rules, Prices.NONE), props)) {
            var input = driver.createInputTopic("ad-events", new StringSerializer(), new ByteArraySerializer());
            for (AdEvent e : arrivals) {
                input.pipeInput(e.campaignId(), AdJson.write(e), e.eventTimeMs());
            }
            driver.createOutputTopic("window-counts", new StringDeserializer(), new ByteArrayDeserializer())
                    .readValuesToList().forEach(v -> {
                        WindowCount w = WindowCount.fromJson(v);
                        last.put(w.key(), w);
                    });
            driver.createOutputTopic("too-late-events", new StringDeserializer(), new ByteArrayDeserializer())
                    .readValuesToList().forEach(v -> tooLate.add(AdJson.readEvent(v).eventId()));
            dropped = driver.metrics().entrySet().stream()
                    .filter(m -> m.getKey().name().equals("dropped-records-total"))
                    .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
        }
        long accepted = last.values().stream().mapToLong(WindowCount::lateEvents).sum();
        long onTime = last.values().stream().mapToLong(WindowCount::events).sum() - accepted;
        assertThat(List.of(onTime, accepted, (long) tooLate.size()))
                .as("on time, late but accepted, too late (expected %s): a window takes records until stream time "
                        + "passes its end + grace; StreamsLateData.ClassifyLateness must apply the same rule",
                        oracle.summary())
                .containsExactly((long) oracle.onTime.size(), (long) oracle.lateAccepted.size(),
                        (long) oracle.tooLate.size());
        assertThat(onTime + accepted + tooLate.size()).as("on time + late accepted + too late = input")
                .isEqualTo(arrivals.size());
        assertThat(tooLate).as("the too-late topic").isEqualTo(oracle.tooLate);
        Map<String, Long> finals = new TreeMap<>();
        last.forEach((k, w) -> finals.put(k, w.events()));
        assertThat(finals).as("each window's last value").isEqualTo(new TreeMap<>(oracle.finalCounts));
        assertThat(dropped).as("records the window aggregate dropped silently (metric dropped-records-total): every "
                + "too-late record must be routed away before the window, not dropped in it").isZero();
        assertThat(oracle.tooLate).as("the input has too-late events (else this proves nothing)").isNotEmpty();
    }
}
