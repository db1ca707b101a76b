package dev.dataeng.p08.kstreams;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.SilenceWatch;
import dev.dataeng.p08.model.StreamRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/**
 * Query 6 in Kafka Streams, with the Processor API: alert when a campaign served no impression for {@code SILENCE}
 * of event time. A key-value store holds each campaign's {@link SilenceWatch}; a punctuation on <em>stream time</em>
 * (the largest event time the task has seen) looks for silences that are due. Stream time, not wall-clock time: the
 * rule is about event time, stream time only moves with the data (a replay of last month fires the same alerts, at
 * the same event times), and it has no watermark, so the check waits {@code MAX_OUT_OF_ORDER} behind it, the disorder
 * an impression may still arrive with.
 */
public final class SilenceTopology {
    /** The store of query 6: campaign id → {@link SilenceWatch}. */
    public static final String SILENCE_STORE = "silence-watch";
    /** How often, in stream time, the punctuation looks for due silences. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private SilenceTopology() {
    }

    /** The topology of query 6. Input keyed by campaign id (no repartition); output keyed by campaign id. */
    public static Topology build(String inputTopic, String outputTopic, Properties config) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        builder.addStateStore(store(config));
        builder.stream(inputTopic, Consumed.with(Serdes.String(), JsonSerde.adEvents())
                        .withTimestampExtractor(new EventTimeExtractor()))
                .filter((campaign, e) -> e.type() == EventType.IMPRESSION)
                .process(SilenceProcessor::new, SILENCE_STORE)
                .to(outputTopic, Produced.with(Serdes.String(), JsonSerde.of(SilenceAlert.class)));
        return builder.build();
    }

    /** In memory when the application's DSL stores are (tests), RocksDB with a changelog otherwise. */
    static StoreBuilder<KeyValueStore<String, SilenceWatch>> store(Properties config) {
        boolean inMemory = BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class
                .equals(config.get(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG));
        return Stores.keyValueStoreBuilder(inMemory ? Stores.inMemoryKeyValueStore(SILENCE_STORE)
                : Stores.persistentKeyValueStore(SILENCE_STORE), Serdes.String(), JsonSerde.of(SilenceWatch.class));
    }

    /** Per campaign (the record key): the latest impression, and a stream-time punctuation for due silences. */
    static final class SilenceProcessor implements Processor<String, AdEvent, String, SilenceAlert> {
        private ProcessorContext<String, SilenceAlert> context;
        private KeyValueStore<String, SilenceWatch> watches;

        @Override
        public void init(ProcessorContext<String, SilenceAlert> context) {
            this.context = context;
            this.watches = context.getStateStore(SILENCE_STORE);
            // BEGIN SOLUTION step 11: schedule alertDue every CHECK_EVERY of stream time (PunctuationType.STREAM_TIME), not of the wall clock
            context.schedule(CHECK_EVERY, PunctuationType.STREAM_TIME, this::alertDue);
            // END SOLUTION
        }

        @Override
        public void process(Record<String, AdEvent> impression) {
            // BEGIN SOLUTION step 11: as Flink's SilenceRule: ignore an older impression; report a silence this impression ends if not reported yet; store the new latest impression
            long t = impression.value().eventTimeMs();
            SilenceWatch watch = watches.get(impression.key());
            if (watch != null && t <= watch.latestMs()) {
                return; // out of order: the campaign was not silent since watch.latestMs()
            }
            if (watch != null && t > watch.dueMs() && !watch.reported()) {
                alert(impression.key(), watch);
            }
            watches.put(impression.key(), new SilenceWatch(t, false));
            // END SOLUTION
        }

        /** Punctuation: {@code streamTime} is the task's stream time when it fires. */
        void alertDue(long streamTime) {
            // BEGIN SOLUTION step 11: a silence is due once stream time - MAX_OUT_OF_ORDER has passed latest + SILENCE (no impression can still come before it); report each once
            long safe = streamTime - StreamRules.MAX_OUT_OF_ORDER.toMillis() - 1; // like Flink's watermark
            List<KeyValue<String, SilenceWatch>> due = new ArrayList<>();
            try (KeyValueIterator<String, SilenceWatch> all = watches.all()) {
                all.forEachRemaining(kv -> {
                    if (!kv.value.reported() && kv.value.dueMs() <= safe) {
                        due.add(kv);
                    }
                });
            }
            for (KeyValue<String, SilenceWatch> kv : due) {
                alert(kv.key, kv.value);
                watches.put(kv.key, new SilenceWatch(kv.value.latestMs(), true));
            }
            // END SOLUTION
        }

        private void alert(String campaign, SilenceWatch watch) {
            context.forward(new Record<>(campaign, new SilenceAlert(campaign, watch.latestMs(), watch.dueMs()),
                    watch.dueMs()));
        }
    }
}
