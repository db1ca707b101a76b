package dev.dataeng.p08.cli;

import dev.dataeng.p08.flink.FlinkJobs;
import dev.dataeng.p08.flink.FlinkSettings;
import dev.dataeng.p08.flink.FlinkSqlJobs;
import dev.dataeng.p08.kstreams.AdStreamsApp;
import dev.dataeng.p08.kstreams.Emission;
import dev.dataeng.p08.model.ConsumerLag;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import dev.dataeng.p08.spark.SparkJobs;
import dev.dataeng.p08.spark.SparkSessions;
import dev.dataeng.p08.spark.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;
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
                try (AdStreamsApp streams = new AdStreamsApp(app, t.bootstrapServers(),
                        Files.createDirectories(t.workDir().resolve("kstreams-" + t.runId())), t.inputTopic(),
                        Map.of(query, output), t.rateCard(), Emission.FINAL).start(Duration.ofMinutes(2))) {
                    long left;
                    while ((left = ConsumerLag.ofApplication(t.bootstrapServers(), app, t.inputTopic())) > 0) {
                        lag.accept(left);
                        Thread.sleep(500);
                    }
                    lag.accept(0);
                }
            }
            case FLINK, FLINK_SQL -> {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.setParallelism(t.parallelism());
                // Chained operators hand each record on without a defensive copy: safe here, every record type of
                // the jobs is immutable (Java records). Measured with `bench` (README, Benchmark).
                env.getConfig().enableObjectReuse();
                FlinkSettings s = new FlinkSettings(t.bootstrapServers(), t.inputTopic(), output,
                        "p08-" + engine.cliName() + "-" + query.cliName() + "-" + t.runId(), true, t.rateCard());
                if (engine == Engine.FLINK) {
                    FlinkJobs.define(env, query, s);
                } else {
                    FlinkSqlJobs.define(env, query, s);
                }
                env.execute("p08 " + engine.cliName() + " " + query.cliName());
            }
            case SPARK -> {
                SparkSession spark = SparkSessions.create(t.sparkMaster(), Math.max(2, t.parallelism() * 2));
                StreamingQuery q = SparkJobs.start(spark, query, new SparkSettings(t.bootstrapServers(),
                        t.inputTopic(), t.jdbcUrl(), t.workDir().resolve("spark-checkpoint-" + query.cliName() + "-"
                                + t.runId()).toString(), t.rateCard()), Trigger.AvailableNow(), OutputMode.Update());
                q.awaitTermination();
                if (q.exception().isDefined()) {
                    throw new IllegalStateException("Spark query failed: " + q.exception().get().getMessage());
                }
            }
        }
    }

    /** Where the results of a run are, in words. */
    public static String resultsAt(Engine engine, Query query, String jdbcUrl) {
        return engine == Engine.SPARK
                ? "table " + dev.dataeng.p08.spark.ResultTables.table(query) + " at " + jdbcUrl
                : "topic " + query.topic(engine.cliName());
    }
}
