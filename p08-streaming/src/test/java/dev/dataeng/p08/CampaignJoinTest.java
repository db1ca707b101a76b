package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p08.kstreams.CampaignJoinTopology;
import dev.dataeng.p08.kstreams.JsonSerde;
import dev.dataeng.p08.model.EnrichedClick;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Query 4, the stream–table join: clicks enriched with their campaign from the compacted campaigns topic. Kafka
 * Streams on {@link TopologyTestDriver}; what "current" means differs per engine by design, and the tests show it.
 */
class CampaignJoinTest {
    static final CampaignInput INPUT = new CampaignInput(AdInput.standard());

    /**
     * Kafka Streams on the driver. The whole campaign history is piped before the first event, as when an
     * application starts on a campaigns topic that is already full: a table without versions would then hold the
     * last version for every click.
     */
    static List<EnrichedClick> kafkaStreams() {
        Properties config = KafkaStreamsTopologyTest.config();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                CampaignJoinTopology.build("events", "campaigns", "out", config), config)) {
            TestInputTopic<String, byte[]> campaigns = driver.createInputTopic("campaigns",
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            for (Campaign c : INPUT.history) {
                campaigns.pipeInput(c.campaignId(), AdJson.write(c), c.updatedAtMs());
            }
            TestInputTopic<String, AdEvent> events = driver.createInputTopic("events", Serdes.String().serializer(),
                    JsonSerde.adEvents().serializer());
            for (AdRecord r : INPUT.records) {
                AdEvent e = ((AdRecord.Event) r).event();
                events.pipeInput(e.campaignId(), e, e.eventTimeMs());
            }
            return driver.createOutputTopic("out", Serdes.String().deserializer(),
                    JsonSerde.of(EnrichedClick.class).deserializer()).readValuesToList();
        }
    }

    static String key(EnrichedClick c) {
        return c.clickId();
    }

    @Test
    @Checklist(id = "E30", points = 3)
    @DisplayName("Kafka Streams, query 4: each click joined to its campaign's version as of the click's event time (versioned KTable); clicks of an unknown campaign flagged, not dropped")
    void kafkaStreamsVersionedTableJoin() {
        List<EnrichedClick> expected = Oracle.enrichedAsOfClickTime(INPUT.events, INPUT.history);
        assertThat(expected).as("the input has clicks of an unknown campaign").anyMatch(c -> !c.known());
        assertThat(expected).as("the input has clicks whose campaign changed after them (as of ≠ latest)")
                .isNotEqualTo(Oracle.enrichedWithLatest(INPUT.events, INPUT.history));
        Expect.sameRows("Kafka Streams enriched clicks", expected, kafkaStreams(), CampaignJoinTest::key,
                "CampaignJoinTopology: the campaigns KTable materialized in a versioned store "
                        + "(Stores.persistentVersionedKeyValueStore), its record time the version's updated_at; a "
                        + "plain KTable gives the version loaded last, not the one valid at the click. leftJoin, not "
                        + "join: a click of an unknown campaign comes out with known = false");
    }
}
