package dev.dataeng.p09.streams;

import dev.dataeng.p09.time.LatenessRules;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.StreamsLateData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams version of the windowed spend job ({@link StreamsLateData}'s topology), run as an application:
 * processing guarantee, state directory and group membership are what make it survive a killed process.
 */
public final class SpendStreamsApp {
    public static final LatenessRules RULES = new LatenessRules(Duration.ofMinutes(1), Duration.ZERO,
            Duration.ofMinutes(3), null);

    /**
     * How a planned stop closes the application: a static member stays in its group after a plain close (so that a
     * quick restart takes its place without a rebalance); a stop for maintenance, such as an application reset,
     * must leave the group or the broker refuses to move its offsets.
     */
    public static final CloseOptions LEAVE_GROUP = CloseOptions
            .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30));

    private SpendStreamsApp() {
    }

    /** The application's configuration; the benchmark overrides {@code processing.guarantee} to compare. */
    public static Properties properties(String bootstrapServers, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // BEGIN SOLUTION step 8: the processing guarantee that commits output, state changelog and input offsets in one transaction
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // END SOLUTION
        // Static membership: a restarted instance with the same id takes its predecessor's place at once instead of
        // waiting for the dead member's session to time out and a rebalance.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), applicationId + "-instance-1");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 100);
        return props;
    }

    /** The application, not started. */
    public static KafkaStreams create(Properties props, String input, String output, String tooLate, Prices prices,
            long paceMicros) {
        return new KafkaStreams(StreamsLateData.topology(input, output, tooLate, RULES, prices, paceMicros), props);
    }

    /** Runs until the process is stopped (SIGTERM closes it cleanly; SIGKILL is what the crash test sends). */
    public static void run(Properties props, String input, String output, String tooLate, Prices prices,
            long paceMicros) throws InterruptedException {
        KafkaStreams streams = create(props, input, output, tooLate, prices, paceMicros);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(LEAVE_GROUP);
            stopped.countDown();
        }));
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            System.err.println("p09 streams: " + e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
        });
        // A client that shut itself down does not end the process by itself: without this the process would wait
        // for a SIGTERM, and a supervisor (or the crash drill) would see a live process doing nothing.
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.start();
        stopped.await();
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException("the Kafka Streams application stopped itself: " + cause, cause);
        }
    }
}
