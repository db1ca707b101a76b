package dev.dataeng.p08.kstreams;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.p08.model.EnrichedClick;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * Query 4 in Kafka Streams: clicks (a KStream keyed by campaign id) joined to the campaigns (a KTable read from the
 * compacted campaigns topic, keyed by campaign id: both topics must have the same number of partitions, as a
 * KStream–KTable join is co-partitioned). The table is <em>versioned</em>: it keeps every version of a campaign with
 * the time it became valid, and the join looks a click's campaign up <em>as of the click's event time</em>.
 */
public final class CampaignJoinTopology {
    /** The versioned store behind the campaigns table. */
    public static final String CAMPAIGN_STORE = "campaigns-versioned";
    /** How far back (in the table's stream time) a lookup can still find the version valid then. */
    public static final Duration CAMPAIGN_HISTORY = Duration.ofDays(7);

    static final Serde<Campaign> CAMPAIGNS = Serdes.serdeFrom((topic, c) -> c == null ? null : AdJson.write(c),
            (topic, bytes) -> bytes == null ? null : AdJson.readCampaign(bytes));

    private CampaignJoinTopology() {
    }

    /** The events topic's clicks, enriched from the campaigns topic, to {@code outputTopic} (keyed by campaign id). */
    public static Topology build(String eventsTopic, String campaignsTopic, String outputTopic, Properties config) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        KStream<String, AdEvent> events = builder.stream(eventsTopic,
                Consumed.with(Serdes.String(), JsonSerde.adEvents()).withTimestampExtractor(new EventTimeExtractor()));
        KTable<String, Campaign> campaigns = campaignTable(builder, campaignsTopic);
        enrichClicks(events, campaigns)
                .to(outputTopic, Produced.with(Serdes.String(), JsonSerde.of(EnrichedClick.class)));
        return builder.build();
    }

    /**
     * The campaigns topic as a table whose record time is the version's {@code updated_at}: the time from which
     * that version is valid.
     */
    static KTable<String, Campaign> campaignTable(StreamsBuilder builder, String campaignsTopic) {
        TimestampExtractor validFrom = (record, partitionTime) -> record.value() instanceof Campaign c
                ? c.updatedAtMs() : record.timestamp();
        // BEGIN SOLUTION step 12: a KTable materialized in a versioned store (Stores.persistentVersionedKeyValueStore, CAMPAIGN_HISTORY), so a lookup can ask for the version as of a time
        return builder.table(campaignsTopic, Consumed.with(Serdes.String(), CAMPAIGNS).withTimestampExtractor(validFrom),
                Materialized.<String, Campaign>as(
                                Stores.persistentVersionedKeyValueStore(CAMPAIGN_STORE, CAMPAIGN_HISTORY))
                        .withKeySerde(Serdes.String()).withValueSerde(CAMPAIGNS));
        // END SOLUTION
    }

    /** Each click with its campaign's attributes as of the click's event time; a click of no campaign flagged. */
    static KStream<String, EnrichedClick> enrichClicks(KStream<String, AdEvent> events,
            KTable<String, Campaign> campaigns) {
        // BEGIN SOLUTION step 12: the clicks only, LEFT join (an inner join would drop the clicks of unknown campaigns) with the table; EnrichedClick.of(click, campaign or null)
        return events.filter((campaignId, e) -> e.type() == EventType.CLICK)
                .leftJoin(campaigns, EnrichedClick::of, Joined.with(Serdes.String(), JsonSerde.adEvents(), CAMPAIGNS));
        // END SOLUTION
    }
}
