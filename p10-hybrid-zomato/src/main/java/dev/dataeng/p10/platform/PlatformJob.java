package dev.dataeng.p10.platform;

import dev.dataeng.p10.lake.LakeSink;
import dev.dataeng.p10.speed.PerEventWatermarks;
import dev.dataeng.p10.speed.SpeedLayer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.kafka.common.TopicPartition;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The platform's one Flink job: one Kafka source of {@code ad-events} feeding the lake sink (DataStream) and the
 * speed layer (SQL). Exactly once by checkpoints: the source's offsets, the dedup and window state and the lake's
 * pending files are in the same checkpoint.
 */
public final class PlatformJob {
    private PlatformJob() {
    }

    /** Builds the job on the environment Flink gives this JVM (MiniCluster locally, the cluster under flink run). */
    public static StreamExecutionEnvironment build(FlinkOptions o, Configuration extra) {
        Configuration conf = new Configuration(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(o.parallelism());
        env.enableCheckpointing(o.checkpointInterval().toMillis());
        OffsetsInitializer start = o.startOffsets() == null ? OffsetsInitializer.earliest()
                : OffsetsInitializer.offsets(o.startOffsets().entrySet().stream().collect(Collectors.toMap(
                        e -> new TopicPartition(Topics.AD_EVENTS, e.getKey()), Map.Entry::getValue)));
        KafkaSourceBuilder<RawEvent> builder = KafkaSource.<RawEvent>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setTopics(Topics.AD_EVENTS)
                .setGroupId(o.groupId())
                .setStartingOffsets(start)
                .setDeserializer(new RawEventDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (o.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        KafkaSource<RawEvent> source = builder.build();
        WatermarkStrategy<RawEvent> watermarks;
        // BEGIN SOLUTION step 3: event time from the event itself, watermarks per partition, emitted at the source
        long delay = o.outOfOrderness().toMillis();
        watermarks = WatermarkStrategy
                .<RawEvent>forGenerator(ctx -> new PerEventWatermarks<>(delay))
                .withTimestampAssigner((e, kafkaTimestamp) -> e.event_time);
        // END SOLUTION
        DataStream<RawEvent> events = env.fromSource(source, watermarks, "ad-events").uid("ad-events-source");
        if (o.lake()) {
            LakeSink.attach(events, o.lakePath());
        }
        if (o.speed()) {
            StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
            SpeedLayer.define(tEnv, events, o).attachAsDataStream();
        }
        return env;
    }

    /** Test and backfill settings: a failure fails the job instead of restarting it forever. */
    public static Configuration noRestarts() {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return c;
    }

    public static JobClient start(FlinkOptions o, Configuration extra) throws Exception {
        return build(o, extra).executeAsync("p10-platform");
    }
}
