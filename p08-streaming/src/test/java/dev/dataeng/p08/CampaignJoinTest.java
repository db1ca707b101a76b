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
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.p08.flink.CampaignJoinSql;
import dev.dataeng.p08.flink.FlinkSettings;
import dev.dataeng.p08.model.RateCard;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(FlinkJobsTest.noRestarts()).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
            .build());
    static final CampaignInput INPUT = new CampaignInput(AdInput.standard());

    @BeforeAll
    static void publish() {
        KAFKA.cluster().createTopic("events", AdInput.PARTITIONS);
        // compacted, and as many partitions as the events: a KStream–KTable join is co-partitioned
        KAFKA.cluster().createTopic("campaigns", AdInput.PARTITIONS, (short) 1, Map.of("cleanup.policy", "compact"));
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), "campaigns", INPUT.history);
        AdPublisher.publish(KAFKA.bootstrapServers(), "events", INPUT.records.iterator());
    }

    /** Flink SQL's temporal join over the broker's topics (bounded: to the end offsets at start). */
    static List<EnrichedClick> flink() throws Exception {
        String output = "p08.flink-sql.enrich";
        KAFKA.cluster().createTopic(output, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CampaignJoinSql.define(env, new FlinkSettings(KAFKA.bootstrapServers(), "events", output, "p08-" + output,
                true, RateCard.NONE), "campaigns");
        env.execute("p08 flink-sql enrich");
        return Results.fromTopic(KAFKA.bootstrapServers(), output, EnrichedClick.class);
    }

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

    @Test
    @Checklist(id = "E31", points = 3)
    @DisplayName("Flink SQL, query 4: an event-time temporal join (FOR SYSTEM_TIME AS OF) with the versioned campaigns table gives each click the version valid at its event time; unknown campaigns flagged")
    void flinkTemporalJoin() throws Exception {
        Expect.sameRows("Flink SQL enriched clicks", Oracle.enrichedAsOfClickTime(INPUT.events,
                INPUT.history), flink(), CampaignJoinTest::key, "CampaignJoinSql.enrichedClicksSql: clicks LEFT JOIN campaigns FOR SYSTEM_TIME "
                        + "AS OF c.rowtime ON the campaign id (a regular join would give every version of the "
                        + "campaign, a processing-time one whatever was loaded); known = k.campaign_id IS NOT NULL");
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
