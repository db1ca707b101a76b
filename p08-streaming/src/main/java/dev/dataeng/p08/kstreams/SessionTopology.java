package dev.dataeng.p08.kstreams;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p08.model.SessionCounts;
import dev.dataeng.p08.model.StreamRules;
import dev.dataeng.p08.model.UserSession;
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
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.SessionStore;

/**
 * Query 3 in Kafka Streams: each user's engagement sessions (a gap of {@code SESSION_GAP} of event time ends one).
 * The output topic is keyed by {@code user@start} ({@link UserSession#key()}). A session window is the merging kind:
 * when an out-of-order event bridges two sessions of a user, the aggregation removes both and writes the merged
 * one, so the update log carries a <em>tombstone</em> (a null value) for each session merged away. A reader that
 * keeps the last value per key and deletes on null ends with the final sessions; one that skips nulls keeps dead
 * sessions.
 */
public final class SessionTopology {
    /** The session store of query 3 (per user, one entry per open session). */
    public static final String SESSIONS_STORE = "user-sessions";

    private SessionTopology() {
    }

    /** The topology of query 3; {@code config} decides the kind of store, as in {@link AdTopology#build}. */
    public static Topology build(String inputTopic, String outputTopic, Emission emission, Properties config) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        KStream<String, AdEvent> events = builder.stream(inputTopic,
                Consumed.with(Serdes.String(), JsonSerde.adEvents()).withTimestampExtractor(new EventTimeExtractor()));
        userSessions(events, emission)
                .to(outputTopic, Produced.with(Serdes.String(), JsonSerde.of(UserSession.class)));
        return builder.build();
    }

    /**
     * Sessions per user, keyed by {@code user@start}: every update of a session (UPDATES; a merged-away session as a
     * tombstone), or each session once, when stream time has passed its end + gap + grace (FINAL).
     */
    static KStream<String, UserSession> userSessions(KStream<String, AdEvent> events, Emission emission) {
        // BEGIN SOLUTION step 10: group by user (a repartition: the input is keyed by campaign), SessionWindows.ofInactivityGapAndGrace(SESSION_GAP, MAX_OUT_OF_ORDER), aggregate SessionCounts with a merger; keep the tombstones of merged sessions (null values) when re-keying to user@start
        KTable<Windowed<String>, SessionCounts> sessions = events
                .groupBy((campaign, e) -> e.userId(), Grouped.with("by-user", Serdes.String(), JsonSerde.adEvents()))
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(StreamRules.SESSION_GAP,
                        StreamRules.MAX_OUT_OF_ORDER))
                .aggregate(() -> SessionCounts.EMPTY, (user, e, s) -> s.add(e), (user, a, b) -> a.merge(b),
                        Materialized.<String, SessionCounts, SessionStore<Bytes, byte[]>>as(SESSIONS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(SessionCounts.class)));
        if (emission == Emission.FINAL) {
            sessions = sessions.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()));
        }
        return sessions.toStream()
                .map((session, s) -> KeyValue.pair(session.key() + "@" + session.window().start(),
                        s == null ? null : UserSession.of(session.key(), s)));
        // END SOLUTION
    }
}
