package dev.dataeng.p08.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.session_window;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.dataeng.p08.model.SilenceWatch;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Queries 3 and 6 in Spark Structured Streaming. Sessions: {@code session_window} after {@code withWatermark}, in
 * append mode (Spark refuses update mode for session windows: a session's key, its start, can change when sessions
 * merge, so an updated row could not replace the old one). The silence rule: arbitrary stateful processing with
 * {@code flatMapGroupsWithState} and an <em>event-time</em> timeout, which fires when the watermark passes it.
 * Both write with {@code foreachBatch} as idempotent upserts ({@link StatefulTables}).
 */
public final class StatefulJobs {
    private StatefulJobs() {
    }

    /** Query 3 into the table {@code user_sessions}. */
    public static StreamingQuery startSessions(SparkSession spark, SparkSettings s, Trigger trigger)
            throws TimeoutException, SQLException {
        return write(userSessions(SparkJobs.events(spark, s)), "sessions", StatefulTables.SESSIONS, s, trigger);
    }

    /** Query 6 into the table {@code silence_alerts}. */
    public static StreamingQuery startSilenceAlerts(SparkSession spark, SparkSettings s, Trigger trigger)
            throws TimeoutException, SQLException {
        return write(silenceAlerts(SparkJobs.events(spark, s)), "silence", StatefulTables.SILENCE, s, trigger);
    }

    private static StreamingQuery write(Dataset<Row> result, String name, String table, SparkSettings s,
            Trigger trigger) throws TimeoutException, SQLException {
        StatefulTables.create(s.jdbcUrl());
        String url = s.jdbcUrl();
        VoidFunction2<Dataset<Row>, Long> upsert = (batch, batchId) -> batch
                .foreachPartition((ForeachPartitionFunction<Row>) rows -> StatefulTables.upsert(url, table, rows));
        return result.writeStream()
                .queryName("p08-spark-" + name)
                .outputMode(OutputMode.Append())
                .option("checkpointLocation", s.checkpointDir())
                .trigger(trigger)
                .foreachBatch(upsert)
                .start();
    }

    /** Query 3: user_id, session_start, session_end (first and last event time, epoch ms), events, clicks. */
    static Dataset<Row> userSessions(Dataset<Row> events) {
        // BEGIN SOLUTION step 10: withWatermark, then groupBy user_id and session_window(ts, '30 minutes'); first and last event_time, count, clicks
        return events.withWatermark("ts", SparkJobs.DELAY)
                .groupBy(col("user_id"), session_window(col("ts"), "30 minutes"))
                .agg(min("event_time").as("session_start"), max("event_time").as("session_end"),
                        count(lit(1)).as("events"),
                        sum(when(col("type").equalTo("CLICK"), 1L).otherwise(0L)).as("clicks"))
                .select("user_id", "session_start", "session_end", "events", "clicks");
        // END SOLUTION
    }

    /** Query 6: campaign_id, silent_since, alert_at (epoch ms), one row per silence. */
    static Dataset<Row> silenceAlerts(Dataset<Row> events) {
        // BEGIN SOLUTION step 11: withWatermark (event-time timeouts need one), impressions only, groupByKey campaign, flatMapGroupsWithState(SilenceTimeouts, Append, state SilenceWatch, GroupStateTimeout.EventTimeTimeout())
        return events.withWatermark("ts", SparkJobs.DELAY)
                .where(col("type").equalTo("IMPRESSION"))
                .groupByKey((MapFunction<Row, String>) r -> r.getAs("campaign_id"), Encoders.STRING())
                .flatMapGroupsWithState(new SilenceTimeouts(), OutputMode.Append(),
                        Encoders.javaSerialization(SilenceWatch.class),
                        Encoders.tuple(Encoders.STRING(), Encoders.LONG(), Encoders.LONG()),
                        GroupStateTimeout.EventTimeTimeout())
                .toDF("campaign_id", "silent_since", "alert_at");
        // END SOLUTION
    }
}
