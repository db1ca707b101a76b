package dev.dataeng.p08.kstreams;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.Counts;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import dev.dataeng.p08.model.StreamRules;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The three queries as Kafka Streams topologies (DSL). Input: ad events keyed by campaign id; event time from
 * {@link EventTimeExtractor}. Output: one topic per query, values in {@code ResultJson} form. The window stores are
 * named, so {@link QueryServer} can answer from them (interactive queries).
 */
public final class AdTopology {
    /** Window store of query 1 (per campaign, per minute): what {@link QueryServer} serves. */
    public static final String MINUTE_SPEND_STORE = "minute-spend";
    public static final String HOURLY_CTR_STORE = "hourly-ctr";
    /**
     * How long a window stays in its store (measured in stream time): what interactive queries can still see. The
     * default is the window size plus grace, so a minute would vanish 70 s after it closed.
     */
    public static final Duration QUERYABLE_FOR = Duration.ofDays(1);

    private AdTopology() {
    }

    /**
     * Builds the topology of one query. {@code config} is the application's Streams config: its
     * {@code dsl.store.suppliers.class} decides the kind of state store (RocksDB by default, in memory in tests).
     */
    public static Topology build(Query query, String inputTopic, String outputTopic, RateCard card,
            Emission emission, Properties config) {
        return build(Map.of(query, outputTopic), inputTopic, card, emission, config);
    }

    /** One application running several queries over the same input (one source, a branch per query). */
    public static Topology build(Map<Query, String> outputs, String inputTopic, RateCard card, Emission emission,
            Properties config) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        KStream<String, AdEvent> events = builder.stream(inputTopic,
                Consumed.with(Serdes.String(), JsonSerde.adEvents()).withTimestampExtractor(new EventTimeExtractor()));
        outputs.forEach((query, outputTopic) -> {
            switch (query) {
                case TUMBLING -> minuteSpend(events, card, emission)
                        .to(outputTopic, Produced.with(Serdes.String(), JsonSerde.of(MinuteSpend.class)));
                case SLIDING -> hourlyCtr(events, emission)
                        .to(outputTopic, Produced.with(Serdes.String(), JsonSerde.of(HourlyCtr.class)));
                case JOIN -> clickVerdicts(events)
                        .to(outputTopic, Produced.with(Serdes.String(), JsonSerde.of(ClickVerdict.class)));
            }
        });
        return builder.build();
    }

    /** Query 1: impressions, clicks and spend per campaign per tumbling minute, keyed by campaign id. */
    static KStream<String, MinuteSpend> minuteSpend(KStream<String, AdEvent> events, RateCard card,
            Emission emission) {
        // BEGIN SOLUTION step 3: group by campaign, tumbling 1-minute event-time windows with a grace of MAX_OUT_OF_ORDER, aggregate Counts into the MINUTE_SPEND_STORE; FINAL suppresses until the window closes
        KTable<Windowed<String>, Counts> perMinute = events
                .groupByKey(Grouped.with(Serdes.String(), JsonSerde.adEvents()))
                .windowedBy(TimeWindows.ofSizeAndGrace(StreamRules.MINUTE, StreamRules.MAX_OUT_OF_ORDER))
                .aggregate(() -> Counts.ZERO, (campaign, event, counts) -> counts.add(event, card),
                        Materialized.<String, Counts, WindowStore<Bytes, byte[]>>as(MINUTE_SPEND_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(Counts.class))
                                .withRetention(QUERYABLE_FOR));
        if (emission == Emission.FINAL) {
            perMinute = perMinute.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()));
        }
        return perMinute.toStream()
                .filter((window, counts) -> counts != null)
                .map((window, c) -> KeyValue.pair(window.key(), new MinuteSpend(window.key(),
                        window.window().start(), c.impressions(), c.clicks(), c.spendMicros())));
        // END SOLUTION
    }

    /** Query 2: impressions and clicks per campaign per hour, a new hour every 15 minutes. */
    static KStream<String, HourlyCtr> hourlyCtr(KStream<String, AdEvent> events, Emission emission) {
        // BEGIN SOLUTION step 4: hopping windows of HOUR advancing by SLIDE (each event in 4 windows), grace MAX_OUT_OF_ORDER
        KTable<Windowed<String>, Counts> perHour = events
                .groupByKey(Grouped.with(Serdes.String(), JsonSerde.adEvents()))
                .windowedBy(TimeWindows.ofSizeAndGrace(StreamRules.HOUR, StreamRules.MAX_OUT_OF_ORDER)
                        .advanceBy(StreamRules.SLIDE))
                .aggregate(() -> Counts.ZERO, (campaign, event, counts) -> counts.add(event, RateCard.NONE),
                        Materialized.<String, Counts, WindowStore<Bytes, byte[]>>as(HOURLY_CTR_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(Counts.class))
                                .withRetention(QUERYABLE_FOR));
        if (emission == Emission.FINAL) {
            perHour = perHour.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()));
        }
        return perHour.toStream()
                .filter((window, counts) -> counts != null)
                .map((window, c) -> KeyValue.pair(window.key(), new HourlyCtr(window.key(),
                        window.window().start(), c.impressions(), c.clicks())));
        // END SOLUTION
    }

    /**
     * Query 5: each click joined to its impression served at most {@code JOIN_BOUND} before it (bounds included),
     * keyed by click id; a click with no impression in time comes out flagged unmatched once its window has closed.
     */
    static KStream<String, ClickVerdict> clickVerdicts(KStream<String, AdEvent> events) {
        // BEGIN SOLUTION step 5: re-key clicks and impressions by impression id; clicks LEFT JOIN impressions with JoinWindows before = JOIN_BOUND, after = 0, grace MAX_OUT_OF_ORDER
        KStream<String, AdEvent> clicks = events.filter((k, e) -> e.type() == EventType.CLICK)
                .selectKey((k, e) -> e.impressionId());
        KStream<String, AdEvent> impressions = events.filter((k, e) -> e.type() == EventType.IMPRESSION)
                .selectKey((k, e) -> e.impressionId());
        JoinWindows within = JoinWindows.ofTimeDifferenceAndGrace(StreamRules.JOIN_BOUND, StreamRules.MAX_OUT_OF_ORDER)
                .after(Duration.ZERO);
        return clicks.leftJoin(impressions,
                        (click, imp) -> imp == null
                                ? ClickVerdict.unmatched(click.eventId(), click.impressionId(), click.campaignId(),
                                        click.eventTimeMs())
                                : ClickVerdict.matched(click.eventId(), click.impressionId(), click.campaignId(),
                                        click.eventTimeMs(), imp.eventTimeMs()),
                        within, StreamJoined.with(Serdes.String(), JsonSerde.adEvents(), JsonSerde.adEvents())
                                .withStoreName("click-impression-join"))
                .selectKey((impressionId, verdict) -> verdict.clickId());
        // END SOLUTION
    }
}
