package dev.dataeng.p09.bench;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p09.crash.GroupProgress;
import dev.dataeng.p09.crash.Topics;
import dev.dataeng.p09.flink.AdEventSource;
import dev.dataeng.p09.flink.FlinkSpendJob;
import dev.dataeng.p09.streams.SpendStreamsApp;
import dev.dataeng.p09.time.FlinkLateData;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.WindowCount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The cost of the guarantees, measured on one input in one run: elapsed wall time of the same work under each
 * setting. Each measurement writes to a topic of its own, so none pays for another's data.
 */
public final class GuaranteeBenchmark {
    private final String bootstrapServers;
    private final List<AdEvent> events;
    private final Path workDir;

    public GuaranteeBenchmark(String bootstrapServers, List<AdEvent> events, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.events = events;
        this.workDir = workDir;
    }

    /**
     * Produces every event; every {@code commitIntervalMs} the producer makes what it sent durable: a transactional
     * producer commits its transaction, an idempotent one flushes (the at-least-once equivalent). Returns ms.
     */
    public long produce(boolean transactional, long commitIntervalMs) {
        String topic = "bench-produce-" + (transactional ? "tx-" : "idem-") + commitIntervalMs + "-" + UUID.randomUUID();
        Topics.create(bootstrapServers, topic, 3);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        if (transactional) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic);
        }
        byte[][] values = events.stream().map(AdJson::write).toArray(byte[][]::new);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            if (transactional) {
                producer.initTransactions();
            }
            long start = System.nanoTime();
            long nextCommit = start + commitIntervalMs * 1_000_000;
            if (transactional) {
                producer.beginTransaction();
            }
            for (int i = 0; i < values.length; i++) {
                AdEvent e = events.get(i);
                producer.send(new ProducerRecord<>(topic, null, e.eventTimeMs(),
                        e.campaignId().getBytes(StandardCharsets.UTF_8), values[i]));
                if (System.nanoTime() >= nextCommit) {
                    if (transactional) {
                        producer.commitTransaction();
                        producer.beginTransaction();
                    } else {
                        producer.flush();
                    }
                    nextCommit = System.nanoTime() + commitIntervalMs * 1_000_000;
                }
            }
            if (transactional) {
                producer.commitTransaction();
            } else {
                producer.flush();
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** The windowed spend application over {@code inputTopic} until its group committed all of it. Returns ms. */
    public long streams(String inputTopic, String guarantee, Prices prices) {
        String app = "bench-streams-" + guarantee.replace('_', '-') + "-" + UUID.randomUUID();
        String output = app + "-out";
        Topics.create(bootstrapServers, output, 3);
        Topics.create(bootstrapServers, app + "-late", 3);
        Properties props = SpendStreamsApp.properties(bootstrapServers, app, workDir.resolve(app));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        long start = System.nanoTime();
        try (KafkaStreams streams = SpendStreamsApp.create(props, inputTopic, output, app + "-late", prices, 0);
                GroupProgress progress = new GroupProgress(bootstrapServers, app, inputTopic)) {
            streams.start();
            KafkaWait.until(Duration.ofMinutes(10), app + " to process " + events.size() + " events",
                    () -> progress.committed() >= events.size());
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            streams.close(SpendStreamsApp.LEAVE_GROUP);
            return elapsed;
        }
    }

    /**
     * The Flink windowed job over {@code inputTopic} read bounded (start to end offsets) in a local environment:
     * checkpoints every {@code checkpointMs} with an exactly-once sink, or (0) no checkpoints and an at-least-once
     * sink. Returns ms, job start-up included.
     */
    public long flink(String inputTopic, long checkpointMs, Prices prices) throws Exception {
        String name = "bench-flink-" + (checkpointMs == 0 ? "none" : checkpointMs + "ms") + "-" + UUID.randomUUID();
        Topics.create(bootstrapServers, name, 3);
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none");
        if (checkpointMs > 0) {
            conf.setString("execution.checkpointing.interval", checkpointMs + " ms");
            conf.setString("execution.checkpointing.dir", workDir.resolve(name).toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        KafkaSource<AdEvent> source = KafkaSource.<AdEvent>builder().setBootstrapServers(bootstrapServers)
                .setTopics(inputTopic).setGroupId(name).setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setValueOnlyDeserializer(new dev.dataeng.p09.flink.AdEventSchema()).build();
        var windows = FlinkLateData.countPerWindow(
                env.fromSource(source, FlinkLateData.watermarks(FlinkSpendJob.RULES), "ad-events"),
                FlinkSpendJob.RULES, prices).windows();
        windows.sinkTo(KafkaSink.<WindowCount>builder().setBootstrapServers(bootstrapServers)
                .setRecordSerializer((w, ctx, ts) -> new ProducerRecord<>(name,
                        w.key().getBytes(StandardCharsets.UTF_8), w.toJson()))
                .setDeliveryGuarantee(checkpointMs > 0 ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(name).setProperty("transaction.timeout.ms", "60000").build());
        long start = System.nanoTime();
        env.execute(name);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
