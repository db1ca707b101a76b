package dev.dataeng.p08.kstreams;

import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * A Kafka Streams application running the queries against a broker: local state (RocksDB) in {@code stateDir},
 * backed by changelog topics, so a restarted instance restores its windows before it continues.
 */
public final class AdStreamsApp implements AutoCloseable {
    private final KafkaStreams streams;
    private final AtomicLong restored = new AtomicLong();

    public AdStreamsApp(String applicationId, String bootstrapServers, Path stateDir, String inputTopic,
            Map<Query, String> outputs, RateCard card, Emission emission) {
        this(applicationId, bootstrapServers, stateDir, p -> AdTopology.build(outputs, inputTopic, card, emission, p));
    }

    /** The same application settings around another topology (queries 3, 4 and 6), built from those settings. */
    public AdStreamsApp(String applicationId, String bootstrapServers, Path stateDir,
            Function<Properties, Topology> topology) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200); // results reach the output topics within 0.2 s
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1); // the broker's default
        // An undecodable input record goes to <input topic>-dlq with its reason, and processing continues.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // Window-store changelogs get a time-based retention (window retention + this) measured on the records'
        // timestamps, i.e. event time. Events replayed long after they happened (the generator's are stamped early
        // 2026) would be deleted from the changelog by the broker's next retention check, and a restore would come
        // back without them. Retention beyond reach (the sum saturates at Long.MAX_VALUE) keeps them.
        p.put(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, Long.MAX_VALUE);
        // A left join's unmatched records are emitted when a later record has moved stream time past their window,
        // but Streams looks for them at most once per wall-clock second. A replay processes thousands of records a
        // second, so the last unmatched clicks of a burst would wait for the next look: look at every record.
        p.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 0L);
        // The interval join's task reads two repartition topics (clicks and impressions re-keyed by impression id)
        // that this application writes itself. When one of them has nothing buffered, the default (0) lets the task
        // go on with the other as soon as the empty one looks caught up, even if its next records are still in the
        // producer's buffer: under load the clicks then run ahead of their impressions, stream time passes a click's
        // window and the click comes out unmatched, then matched (two rows for one click, seen in CrossEngineTest).
        // Waiting up to 2 s for the empty side costs a replay almost nothing and makes the join's input order that
        // of event time again.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 2_000L);
        streams = new KafkaStreams(topology.apply(p), p);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long count) {
                restored.addAndGet(count);
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
            }
        });
    }

    /** Starts and waits until the application is RUNNING (its state restored), or throws after {@code bound}. */
    public AdStreamsApp start(Duration bound) throws InterruptedException {
        streams.start();
        long deadline = System.nanoTime() + bound.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within " + bound + ": "
                        + streams.state());
            }
            Thread.sleep(50);
        }
        return this;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** State-store records restored from changelogs since this instance was created. */
    public long restoredRecords() {
        return restored.get();
    }

    /** Stops, and with {@code wipeLocalState} deletes this instance's local state (as a new machine would have). */
    public void stop(boolean wipeLocalState) {
        streams.close(Duration.ofSeconds(30));
        if (wipeLocalState) {
            streams.cleanUp();
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
