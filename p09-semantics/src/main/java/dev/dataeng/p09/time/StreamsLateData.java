package dev.dataeng.p09.time;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * Events and spend per campaign per tumbling window in Kafka Streams. Kafka Streams has no watermark: a task's
 * <em>stream time</em> is the largest record timestamp it has seen, and a window accepts records until stream time
 * passes its end plus the grace period; after that the window aggregate drops them (only a metric counts them). This
 * topology never lets that happen silently: a classifier ahead of the window sends too-late events to their own
 * topic, and marks late-but-accepted ones so the result can say how many there were.
 */
public final class StreamsLateData {

    /** How an event stood against stream time when it arrived. */
    public enum Lateness { ON_TIME, LATE_ACCEPTED, TOO_LATE }

    /** An event with its lateness. */
    public record Classified(AdEvent event, Lateness lateness) {
    }

    private StreamsLateData() {
    }

    /**
     * Input: ad events (JSON, keyed by campaign id, record timestamp = event time). Output: {@code windowsTopic}
     * gets every update of a window as a {@link WindowCount} keyed {@code campaign@windowStart} (the last per key is
     * the window's value); {@code tooLateTopic} gets each too-late event as it came.
     */
    public static Topology topology(String inputTopic, String windowsTopic, String tooLateTopic, LatenessRules rules,
            Prices prices) {
        return topology(inputTopic, windowsTopic, tooLateTopic, rules, prices, 0);
    }

    /** The same, with {@code paceMicros} of simulated work per record (so a crash test can kill it mid-run). */
    public static Topology topology(String inputTopic, String windowsTopic, String tooLateTopic, LatenessRules rules,
            Prices prices, long paceMicros) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, byte[]> input = builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()));
        if (paceMicros > 0) {
            input = input.peek((k, v) -> LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(paceMicros)));
        }
        KStream<String, Classified> classified = input
                .processValues(() -> new ClassifyLateness(rules), Named.as("classify-lateness"));
        var branches = classified.split(Named.as("lateness-"))
                .branch((key, c) -> c.lateness() == Lateness.TOO_LATE, Branched.as("too-late"))
                .defaultBranch(Branched.as("accepted"));
        branches.get("lateness-too-late").mapValues(c -> AdJson.write(c.event()))
                .to(tooLateTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
        long retention = rules.window().plus(rules.allowedLateness()).toMillis() + 60_000;
        branches.get("lateness-accepted")
                .groupByKey(Grouped.with(Serdes.String(), classifiedSerde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(rules.window(), rules.allowedLateness()))
                .aggregate(() -> new WindowCount("", 0, 0, 0, 0, -1),
                        (campaign, c, acc) -> new WindowCount(campaign, 0, acc.events() + 1,
                                acc.lateEvents() + (c.lateness() == Lateness.LATE_ACCEPTED ? 1 : 0),
                                acc.spendMicros() + prices.cost(c.event()), -1),
                        Materialized.<String, WindowCount>as(Stores.inMemoryWindowStore("window-counts",
                                Duration.ofMillis(retention), rules.window(), false))
                                .withKeySerde(Serdes.String()).withValueSerde(windowCountSerde()))
                .toStream()
                .map((window, count) -> KeyValue.pair(window.key() + "@" + window.window().start(),
                        new WindowCount(window.key(), window.window().start(), count.events(), count.lateEvents(),
                                count.spendMicros(), -1).toJson()))
                .to(windowsTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /** Tells on-time, late-but-accepted and too-late events apart, by the rule the window aggregate applies. */
    static final class ClassifyLateness implements FixedKeyProcessor<String, byte[], Classified> {
        private final long windowMs;
        private final long graceMs;
        private FixedKeyProcessorContext<String, Classified> context;

        ClassifyLateness(LatenessRules rules) {
            this.windowMs = rules.window().toMillis();
            this.graceMs = rules.allowedLateness().toMillis();
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Classified> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            AdEvent event = AdJson.readEvent(record.value());
            long streamTime = context.currentStreamTimeMs();
            context.forward(record.withValue(new Classified(event, lateness(event.eventTimeMs(), streamTime))));
        }

        Lateness lateness(long eventTimeMs, long streamTimeMs) {
            // BEGIN SOLUTION step 6: window end = start + size (start = time - time % size); too late when end + grace <= stream time, late when end <= stream time
            long windowEnd = eventTimeMs - Math.floorMod(eventTimeMs, windowMs) + windowMs;
            if (windowEnd + graceMs <= streamTimeMs) {
                return Lateness.TOO_LATE;
            }
            return windowEnd <= streamTimeMs ? Lateness.LATE_ACCEPTED : Lateness.ON_TIME;
            // END SOLUTION
        }
    }

    static Serde<Classified> classifiedSerde() {
        return Serdes.serdeFrom((topic, c) -> {
            byte[] json = AdJson.write(c.event());
            return ByteBuffer.allocate(json.length + 1).put((byte) c.lateness().ordinal()).put(json).array();
        }, (topic, bytes) -> {
            byte[] json = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, json, 0, json.length);
            return new Classified(AdJson.readEvent(json), Lateness.values()[bytes[0]]);
        });
    }

    static Serde<WindowCount> windowCountSerde() {
        return Serdes.serdeFrom((topic, w) -> w.toJson(), (topic, bytes) -> WindowCount.fromJson(bytes));
    }
}
