package dev.dataeng.p09.time;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.window;

import dev.dataeng.common.ads.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Events and spend per campaign per tumbling window in Spark Structured Streaming, over the same topic and rules as
 * {@link FlinkLateData} and {@link StreamsLateData}. Spark runs a query as a sequence of micro-batches; at the end
 * of each it sets the watermark to {@code max event time seen - delay}, and the next batches' windowed aggregation
 * drops every row whose window ended at or before it. No side output, no too-late topic: the drop is silent. This
 * job makes it visible: the windows topic says what was accepted, and {@link #tally} reads from the query's
 * progress how many rows came in and what the state operator reported as dropped.
 */
public final class SparkLateData {
    static final StructType EVENT_JSON = new StructType()
            .add("event_id", DataTypes.StringType).add("type", DataTypes.StringType)
            .add("campaign_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
            .add("impression_id", DataTypes.StringType).add("event_time", DataTypes.LongType);

    /**
     * Where the job reads and writes. {@code maxEventsPerBatch} caps each micro-batch
     * ({@code maxOffsetsPerTrigger}): on a one-partition topic, batch k is exactly the k-th slice of the input, so
     * which rows the watermark drops does not depend on how fast the machine is.
     */
    public record Settings(String bootstrapServers, String inputTopic, String windowsTopic, String checkpointDir,
            long maxEventsPerBatch) {
    }

    /**
     * What the query's progress reports over its micro-batches.
     *
     * @param batchRows          input rows of each micro-batch that read any, in order
     * @param inputRows          all input rows read
     * @param droppedByWatermark the state operators' {@code numRowsDroppedByWatermark}, summed over the batches
     */
    public record Tally(List<Long> batchRows, long inputRows, long droppedByWatermark) {
    }

    private SparkLateData() {
    }

    /** A session for the job: {@code master} from configuration (local[2] in tests), UTC, two shuffle partitions. */
    public static SparkSession session(String master) {
        return SparkSession.builder()
                .appName("p09-semantics")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", 2)
                .config("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true")
                .getOrCreate();
    }

    /**
     * Starts the query: events from {@code inputTopic} (JSON as {@code AdJson} writes it), counted per window by
     * {@link #countPerWindow}, every changed window written to {@code windowsTopic} each batch (update mode) as a
     * {@link WindowCount} keyed {@code campaign@windowStart}; the last value per key is the window's. {@code trigger}:
     * {@code Trigger.AvailableNow()} reads what the topic holds (in batches of {@code maxEventsPerBatch}) and stops.
     */
    public static StreamingQuery start(SparkSession spark, Settings s, LatenessRules rules, Prices prices,
            Trigger trigger) throws TimeoutException {
        Dataset<Row> events = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", s.bootstrapServers())
                .option("subscribe", s.inputTopic())
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", s.maxEventsPerBatch())
                .load()
                .select(from_json(col("value").cast("string"), EVENT_JSON).as("e"))
                .select("e.*")
                .withColumn("ts", timestamp_millis(col("event_time")));
        Dataset<Row> windows = countPerWindow(events, rules, prices);
        return windows
                .select(concat_ws("@", col("campaign_id"), col("window_start")).as("key"),
                        to_json(struct(col("campaign_id"), col("window_start"), col("events"),
                                lit(0L).as("late_events"), col("spend_micros"), lit(-1).as("firing"))).as("value"))
                .writeStream()
                .queryName("p09-spark-late-data")
                .format("kafka")
                .option("kafka.bootstrap.servers", s.bootstrapServers())
                .option("topic", s.windowsTopic())
                .option("checkpointLocation", s.checkpointDir())
                .outputMode(OutputMode.Update())
                .trigger(trigger)
                .start();
    }

    /**
     * Input: rows with {@code campaign_id}, {@code type}, {@code ts} (the event time as a TIMESTAMP). Output:
     * {@code campaign_id}, {@code window_start} (epoch ms), {@code events}, {@code spend_micros}, one row per
     * campaign and tumbling window of {@code rules.window()}, behind a watermark of
     * {@code rules.outOfOrderness()}.
     */
    public static Dataset<Row> countPerWindow(Dataset<Row> events, LatenessRules rules, Prices prices) {
        UserDefinedFunction cost = udf((UDF2<String, String, Long>) (campaign, type) ->
                prices.cost(campaign, EventType.valueOf(type)), DataTypes.LongType);
        // BEGIN SOLUTION step 7: withWatermark("ts", the out-of-orderness bound), then groupBy campaign_id and window(ts, the window size); count the rows, sum their cost
        return events.withWatermark("ts", rules.outOfOrderness().toMillis() + " milliseconds")
                .groupBy(col("campaign_id"), window(col("ts"), rules.window().toMillis() + " milliseconds"))
                .agg(count(lit(1)).as("events"), sum(cost.apply(col("campaign_id"), col("type"))).as("spend_micros"))
                .select(col("campaign_id"), unix_millis(col("window.start")).as("window_start"), col("events"),
                        col("spend_micros"));
        // END SOLUTION
    }

    /** Reads the query's progress reports (the last 100 by default, spark.sql.streaming.numRecentProgressUpdates). */
    public static Tally tally(StreamingQuery query) {
        StreamingQueryProgress[] progress = query.recentProgress();
        List<Long> batchRows = new ArrayList<>();
        long input = 0;
        long dropped = 0;
        // BEGIN SOLUTION step 7: per progress report: numInputRows (keep the non-zero ones in order), and each state operator's numRowsDroppedByWatermark, summed over every batch
        for (StreamingQueryProgress p : progress) {
            if (p.numInputRows() > 0) {
                batchRows.add(p.numInputRows());
            }
            input += p.numInputRows();
            for (StateOperatorProgress op : p.stateOperators()) {
                dropped += op.numRowsDroppedByWatermark();
            }
        }
        // END SOLUTION
        return new Tally(List.copyOf(batchRows), input, dropped);
    }
}
