package dev.dataeng.p08.cli;

import dev.dataeng.p08.flink.CampaignJoinSql;
import dev.dataeng.p08.flink.FlinkJobs;
import dev.dataeng.p08.flink.FlinkSettings;
import dev.dataeng.p08.flink.FlinkSqlJobs;
import dev.dataeng.p08.flink.SessionJobs;
import dev.dataeng.p08.kstreams.AdStreamsApp;
import dev.dataeng.p08.kstreams.CampaignJoinTopology;
import dev.dataeng.p08.kstreams.Emission;
import dev.dataeng.p08.kstreams.SessionTopology;
import dev.dataeng.p08.kstreams.SilenceTopology;
import dev.dataeng.p08.model.ConsumerLag;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import dev.dataeng.p08.spark.SparkCampaignJoin;
import dev.dataeng.p08.spark.SparkJobs;
import dev.dataeng.p08.spark.SparkSessions;
import dev.dataeng.p08.spark.SparkSettings;
import dev.dataeng.p08.spark.StatefulJobs;
import dev.dataeng.p08.spark.StatefulTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.Topology;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Runs one query on one engine over what the input topic holds now, to its end: Kafka Streams until its lag is 0,
 * Flink with a bounded source, Spark with {@code Trigger.AvailableNow()}. Where the results go: the topic
 * {@code p08.<engine>.<query>} (Kafka Streams, Flink), the H2/JDBC table of the query (Spark).
 */
public final class Engines {
    /** Where a run reads, writes and keeps state. */
    public record Target(String bootstrapServers, String inputTopic, RateCard rateCard, String jdbcUrl,
            Path workDir, String sparkMaster, int parallelism, String runId) {
    }

    private Engines() {
    }

    /**
     * Runs and returns when every input record is processed. {@code lag} receives the records still to process
     * (Kafka Streams only; the others run to the end in one call).
     */
    public static void run(Engine engine, Query query, Target t, LongConsumer lag) throws Exception {
        String output = query.topic(engine.cliName());
        switch (engine) {
            case KSTREAMS -> {
                String app = "p08-" + query.cliName() + "-" + t.runId();
                runStreams(t, app, lag, new AdStreamsApp(app, t.bootstrapServers(), stateDir(t), t.inputTopic(),
                        Map.of(query, output), t.rateCard(), Emission.FINAL));
            }
            case FLINK, FLINK_SQL -> {
                StreamExecutionEnvironment env = flinkEnv(t);
                FlinkSettings s = flinkSettings(t, engine, query.cliName(), output);
                if (engine == Engine.FLINK) {
                    FlinkJobs.define(env, query, s);
                } else {
                    FlinkSqlJobs.define(env, query, s);
                }
                env.execute("p08 " + engine.cliName() + " " + query.cliName());
            }
            case SPARK -> awaitSpark(SparkJobs.start(sparkSession(t), query, sparkSettings(t, query.cliName()),
                    Trigger.AvailableNow(), OutputMode.Update()));
        }
    }

    /**
     * Queries 3, 4 and 6, the same way; {@code campaignsTopic} is the compacted topic query 4 joins. Sessions leave
     * Kafka Streams as updates (a merged-away session as a tombstone): read the topic as a table, last value per key.
     */
    public static void run(Engine engine, StatefulQuery query, Target t, String campaignsTopic, LongConsumer lag)
            throws Exception {
        query.requireOn(engine);
        String output = query.topic(engine);
        switch (engine) {
            case KSTREAMS -> {
                String app = "p08-" + query.cliName() + "-" + t.runId();
                Function<Properties, Topology> topology = switch (query) {
                    case SESSIONS -> p -> SessionTopology.build(t.inputTopic(), output, Emission.UPDATES, p);
                    case ENRICH -> p -> CampaignJoinTopology.build(t.inputTopic(), campaignsTopic, output, p);
                    case SILENCE -> p -> SilenceTopology.build(t.inputTopic(), output, p);
                };
                runStreams(t, app, lag, new AdStreamsApp(app, t.bootstrapServers(), stateDir(t), topology));
            }
            case FLINK, FLINK_SQL -> {
                StreamExecutionEnvironment env = flinkEnv(t);
                FlinkSettings s = flinkSettings(t, engine, query.cliName(), output);
                switch (query) {
                    case SESSIONS -> {
                        if (engine == Engine.FLINK) {
                            SessionJobs.defineSessions(env, s);
                        } else {
                            SessionJobs.defineSessionsSql(env, s);
                        }
                    }
                    case ENRICH -> CampaignJoinSql.define(env, s, campaignsTopic);
                    case SILENCE -> FlinkJobs.defineSilenceAlerts(env, s);
                }
                env.execute("p08 " + engine.cliName() + " " + query.cliName());
            }
            case SPARK -> {
                SparkSession spark = sparkSession(t);
                SparkSettings s = sparkSettings(t, query.cliName());
                awaitSpark(switch (query) {
                    case SESSIONS -> StatefulJobs.startSessions(spark, s, Trigger.AvailableNow());
                    case ENRICH -> SparkCampaignJoin.start(spark, s, campaignsTopic, Trigger.AvailableNow());
                    case SILENCE -> StatefulJobs.startSilenceAlerts(spark, s, Trigger.AvailableNow());
                });
            }
        }
    }

    private static Path stateDir(Target t) throws IOException {
        return Files.createDirectories(t.workDir().resolve("kstreams-" + t.runId()));
    }

    /** Starts the application and closes it when its lag (input and repartition topics) is 0. */
    private static void runStreams(Target t, String app, LongConsumer lag, AdStreamsApp unstarted) throws Exception {
        try (AdStreamsApp streams = unstarted.start(Duration.ofMinutes(2))) {
            long left;
            while ((left = ConsumerLag.ofApplication(t.bootstrapServers(), app, t.inputTopic())) > 0) {
                lag.accept(left);
                Thread.sleep(500);
            }
            lag.accept(0);
        }
    }

    private static StreamExecutionEnvironment flinkEnv(Target t) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(t.parallelism());
        // Chained operators hand each record on without a defensive copy: safe here, every record type of
        // the jobs is immutable (Java records). Measured with `bench` (README, Benchmark).
        env.getConfig().enableObjectReuse();
        return env;
    }

    private static FlinkSettings flinkSettings(Target t, Engine engine, String query, String output) {
        return new FlinkSettings(t.bootstrapServers(), t.inputTopic(), output,
                "p08-" + engine.cliName() + "-" + query + "-" + t.runId(), true, t.rateCard());
    }

    private static SparkSession sparkSession(Target t) {
        return SparkSessions.create(t.sparkMaster(), Math.max(2, t.parallelism() * 2));
    }

    private static SparkSettings sparkSettings(Target t, String query) {
        return new SparkSettings(t.bootstrapServers(), t.inputTopic(), t.jdbcUrl(),
                t.workDir().resolve("spark-checkpoint-" + query + "-" + t.runId()).toString(), t.rateCard());
    }

    private static void awaitSpark(StreamingQuery q) throws Exception {
        q.awaitTermination();
        if (q.exception().isDefined()) {
            throw new IllegalStateException("Spark query failed: " + q.exception().get().getMessage());
        }
    }

    /** Where the results of a run are, in words. */
    public static String resultsAt(Engine engine, Query query, String jdbcUrl) {
        return engine == Engine.SPARK
                ? "table " + dev.dataeng.p08.spark.ResultTables.table(query) + " at " + jdbcUrl
                : "topic " + query.topic(engine.cliName());
    }

    /** Where the results of a run of query 3, 4 or 6 are, in words. */
    public static String resultsAt(Engine engine, StatefulQuery query, String jdbcUrl) {
        if (engine != Engine.SPARK) {
            return "topic " + query.topic(engine);
        }
        return "table " + switch (query) {
            case SESSIONS -> StatefulTables.SESSIONS;
            case ENRICH -> SparkCampaignJoin.TABLE;
            case SILENCE -> StatefulTables.SILENCE;
        } + " at " + jdbcUrl;
    }
}
