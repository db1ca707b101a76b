package dev.dataeng.p09.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.p09.time.FlinkLateData;
import dev.dataeng.p09.time.LatenessRules;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.WindowCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Spend and events per campaign per minute in Flink, exactly once end to end: Kafka source offsets and window state
 * in checkpoints, results through a {@link KafkaSink} at {@code EXACTLY_ONCE} (a Kafka transaction per checkpoint,
 * committed when the checkpoint completes: two-phase commit). A process that dies is started again from its latest
 * retained checkpoint, which is what a Flink cluster's JobManager does after a failure. A window's result is
 * emitted when the watermark passes its end, so the newest windows stay open until newer events arrive.
 */
public final class FlinkSpendJob {

    /**
     * @param checkpointDir   where checkpoints are kept (retained when the process dies); a restart resumes from the
     *                        latest complete one here
     * @param transactionTimeout the sink's {@code transaction.timeout.ms}: must not exceed the broker's
     *                        {@code transaction.max.timeout.ms} (15 min by default), or the producer is refused
     */
    public record Settings(String bootstrapServers, String inputTopic, String outputTopic, String groupId,
            Path checkpointDir, String transactionalIdPrefix, Duration checkpointInterval,
            Duration transactionTimeout, long paceMicrosPerRecord) {
    }

    /**
     * One-minute windows, 5 s out of orderness, no lateness (the crash test's input is in order), and idleness: a
     * restarted job whose restored offsets put one partition at its end reads nothing more from it, and without
     * idleness that partition holds every window open (the crash test found exactly that). 5 s, well
     * above the time the source spends on one fetch of another partition, so a busy partition is never idle.
     */
    public static final LatenessRules RULES = new LatenessRules(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ZERO, Duration.ofSeconds(5));

    private FlinkSpendJob() {
    }

    /**
     * Runs the job until the process is stopped. The source is unbounded, as in production: a bounded
     * {@code KafkaSource} restored from a checkpoint never finishes (FLINK-31006, open in connector 5.0.0-2.2).
     */
    public static void run(Settings settings, Prices prices) throws Exception {
        Configuration conf = configuration(settings);
        latestCheckpoint(settings.checkpointDir())
                .ifPresent(chk -> conf.setString("execution.state-recovery.path", chk.toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        build(env, settings, prices, null);
        env.execute("p09-flink-spend");
    }

    /** Checkpointing, where checkpoints go, and what happens to them and to failures. */
    public static Configuration configuration(Settings settings) {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none"); // a failure ends the process; the supervisor restarts it
        conf.setString("execution.checkpointing.dir", settings.checkpointDir().toUri().toString());
        // BEGIN SOLUTION step 8: checkpoint every checkpointInterval (execution.checkpointing.interval); without checkpoints the source commits no offsets and a restart has no state to restore
        conf.setString("execution.checkpointing.interval", settings.checkpointInterval().toMillis() + " ms");
        // END SOLUTION
        // Given, because the drill cannot tell them apart: EXACTLY_ONCE is the default mode (AT_LEAST_ONCE skips
        // barrier alignment, which a task with one input channel, as here at parallelism 1, never needs), and a
        // SIGKILLed process deletes nothing. A job cancelled on a cluster (`flink cancel`, a planned stop) deletes
        // its checkpoints unless they are retained, and its next start would have nothing to restore.
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        return conf;
    }

    /**
     * The job graph. {@code tooLateTopic}: where events too late for their window go (version 2 of the job adds
     * this sink; null leaves them in the side output unused, as version 1 did).
     */
    public static void build(StreamExecutionEnvironment env, Settings settings, Prices prices, String tooLateTopic) {
        long pace = settings.paceMicrosPerRecord();
        var events = env.fromSource(
                AdEventSource.of(settings.bootstrapServers(), settings.inputTopic(), settings.groupId(), false),
                FlinkLateData.watermarks(RULES), "ad-events").uid("ad-events-source")
                .map(e -> {
                    if (pace > 0) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pace)); // stands for real work
                    }
                    return e;
                }).returns(TypeInformation.of(AdEvent.class)).name("work").uid("work");
        FlinkLateData.Streams out = FlinkLateData.countPerWindow(events, RULES, prices);
        out.windows().sinkTo(sink(settings)).name("spend-sink").uid("spend-sink");
        if (tooLateTopic != null) {
            out.tooLate().sinkTo(KafkaSink.<AdEvent>builder()
                    .setBootstrapServers(settings.bootstrapServers())
                    .setRecordSerializer((e, context, timestamp) -> new ProducerRecord<>(tooLateTopic,
                            e.campaignId().getBytes(StandardCharsets.UTF_8), AdJson.write(e)))
                    .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                    .build()).name("too-late-sink").uid("too-late-sink");
        }
    }

    /** The window results, keyed {@code campaign@windowStart}, into the output topic. */
    public static KafkaSink<WindowCount> sink(Settings settings) {
        String topic = settings.outputTopic();
        KafkaRecordSerializationSchema<WindowCount> serializer = (w, context, timestamp) -> new ProducerRecord<>(
                topic, w.key().getBytes(StandardCharsets.UTF_8), w.toJson());
        // BEGIN SOLUTION step 8: KafkaSink at DeliveryGuarantee.EXACTLY_ONCE with settings.transactionalIdPrefix() and the producer property transaction.timeout.ms = settings.transactionTimeout() (below the broker's transaction.max.timeout.ms, or the job exits at start)
        return KafkaSink.<WindowCount>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix())
                .setProperty("transaction.timeout.ms", String.valueOf(settings.transactionTimeout().toMillis()))
                .build();
        // END SOLUTION
    }

    /** The newest complete checkpoint ({@code chk-N} with its {@code _metadata}) under {@code dir}, of any job. */
    public static Optional<Path> latestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(FlinkSpendJob::modified))
                    .map(Path::getParent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot look for checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
