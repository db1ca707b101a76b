package dev.dataeng.p08.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import dev.dataeng.common.ads.EventType;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import dev.dataeng.p08.model.StreamRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The queries in Spark Structured Streaming: a Kafka source, event time from the JSON, {@code withWatermark},
 * windows and a stream-stream join, written with {@code foreachBatch} as idempotent upserts into the result tables.
 * Spark runs a streaming query as a sequence of micro-batches; the watermark computed at the end of one batch
 * (max event time seen - delay) applies to the next.
 */
public final class SparkJobs {
    static final StructType EVENT_JSON = new StructType()
            .add("event_id", DataTypes.StringType).add("type", DataTypes.StringType)
            .add("campaign_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
            .add("impression_id", DataTypes.StringType).add("event_time", DataTypes.LongType);
    static final String DELAY = StreamRules.MAX_OUT_OF_ORDER.toSeconds() + " seconds";

    private SparkJobs() {
    }

    /**
     * Starts a query. {@code trigger}: {@code Trigger.AvailableNow()} reads what the topic holds now and stops (tests,
     * batch-like runs); {@code Trigger.ProcessingTime(...)} runs until stopped. Windows are written in
     * {@code outputMode} (update: each changed window every batch; append: each window once, when the watermark
     * has passed its end); the join is append-only.
     */
    public static StreamingQuery start(SparkSession spark, Query query, SparkSettings s, Trigger trigger,
            OutputMode outputMode) throws TimeoutException, java.sql.SQLException {
        ResultTables.create(s.jdbcUrl());
        Dataset<Row> events = events(spark, s);
        Dataset<Row> result = switch (query) {
            case TUMBLING -> minuteSpend(events, prices(spark, s.rateCard()));
            case SLIDING -> hourlyCtr(events);
            case JOIN -> clickVerdicts(events);
        };
        String url = s.jdbcUrl();
        VoidFunction2<Dataset<Row>, Long> upsert = (batch, batchId) -> batch
                .foreachPartition((ForeachPartitionFunction<Row>) rows -> ResultTables.upsert(url, query, rows));
        return result.writeStream()
                .queryName("p08-spark-" + query.cliName())
                .outputMode(query == Query.JOIN ? OutputMode.Append() : outputMode)
                .option("checkpointLocation", s.checkpointDir())
                .trigger(trigger)
                .foreachBatch(upsert)
                .start();
    }

    /** The events topic as rows: event_id, type, campaign_id, user_id, impression_id, event_time, ts (timestamp). */
    static Dataset<Row> events(SparkSession spark, SparkSettings s) {
        return spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", s.bootstrapServers())
                .option("subscribe", s.inputTopic())
                .option("startingOffsets", "earliest")
                .load()
                .select(from_json(col("value").cast("string"), EVENT_JSON).as("e"))
                .select("e.*")
                .where(col("event_id").isNotNull().and(col("event_time").isNotNull()))
                .withColumn("ts", eventTime());
    }

    /** The event-time column every window and join of the Spark jobs is measured on. */
    static org.apache.spark.sql.Column eventTime() {
        // BEGIN SOLUTION step 2: a TIMESTAMP from the event's event_time (epoch ms), not the Kafka record's arrival
        return timestamp_millis(col("event_time"));
        // END SOLUTION
    }

    /** The rate card as a small static table: campaign_id, click_micros, impression_micros. */
    static Dataset<Row> prices(SparkSession spark, RateCard card) {
        List<Row> rows = new ArrayList<>();
        for (String id : card.campaignIds()) {
            rows.add(RowFactory.create(id, card.costMicros(id, EventType.CLICK),
                    card.costMicros(id, EventType.IMPRESSION)));
        }
        return spark.createDataFrame(rows, new StructType().add("campaign_id", DataTypes.StringType)
                .add("click_micros", DataTypes.LongType).add("impression_micros", DataTypes.LongType));
    }

    /** Query 1: campaign_id, window_start (epoch ms), impressions, clicks, spend_micros. */
    static Dataset<Row> minuteSpend(Dataset<Row> events, Dataset<Row> prices) {
        // BEGIN SOLUTION step 3: withWatermark on ts (DELAY), join the broadcast prices, groupBy campaign and window(ts, 1 minute)
        return events.withWatermark("ts", DELAY)
                .join(broadcast(prices), events.col("campaign_id").equalTo(prices.col("campaign_id")), "left")
                .select(events.col("campaign_id"), col("ts"), col("type"),
                        coalesce(when(col("type").equalTo("CLICK"), col("click_micros"))
                                .otherwise(col("impression_micros")), lit(0L)).as("cost"))
                .groupBy(col("campaign_id"), window(col("ts"), "1 minute"))
                .agg(sum(when(col("type").equalTo("IMPRESSION"), 1L).otherwise(0L)).as("impressions"),
                        sum(when(col("type").equalTo("CLICK"), 1L).otherwise(0L)).as("clicks"),
                        sum("cost").as("spend_micros"))
                .select(col("campaign_id"), unix_millis(col("window.start")).as("window_start"),
                        col("impressions"), col("clicks"), col("spend_micros"));
        // END SOLUTION
    }

    /** Query 2: campaign_id, window_start (epoch ms), impressions, clicks. */
    static Dataset<Row> hourlyCtr(Dataset<Row> events) {
        // BEGIN SOLUTION step 4: window(ts, 1 hour, 15 minutes) after withWatermark
        return events.withWatermark("ts", DELAY)
                .groupBy(col("campaign_id"), window(col("ts"), "1 hour", "15 minutes"))
                .agg(sum(when(col("type").equalTo("IMPRESSION"), 1L).otherwise(0L)).as("impressions"),
                        sum(when(col("type").equalTo("CLICK"), 1L).otherwise(0L)).as("clicks"))
                .select(col("campaign_id"), unix_millis(col("window.start")).as("window_start"),
                        col("impressions"), col("clicks"));
        // END SOLUTION
    }

    /** Query 5: click_id, impression_id, campaign_id, click_time, impression_time (null if unmatched), matched. */
    static Dataset<Row> clickVerdicts(Dataset<Row> events) {
        // BEGIN SOLUTION step 5: one watermark on the events, then clicks and impressions from it; leftOuter join on impression id with a time-range condition
        // One watermark for the topic, set before the split: with a watermark per side, Spark's global watermark
        // is the slower side's (multipleWatermarkPolicy=min) and the last clicks would wait for more clicks.
        Dataset<Row> timed = events.withWatermark("ts", DELAY);
        Dataset<Row> clicks = timed.where(col("type").equalTo("CLICK"))
                .select(col("event_id").as("click_id"), col("impression_id").as("c_impression_id"),
                        col("campaign_id"), col("event_time").as("click_time"), col("ts").as("click_ts"));
        Dataset<Row> impressions = timed.where(col("type").equalTo("IMPRESSION"))
                .select(col("impression_id").as("i_impression_id"), col("event_time").as("impression_time"),
                        col("ts").as("impression_ts"));
        return clicks.join(impressions, expr("c_impression_id = i_impression_id AND impression_ts BETWEEN "
                                + "click_ts - INTERVAL 10 MINUTES AND click_ts"), "leftOuter")
                .select(col("click_id"), col("c_impression_id").as("impression_id"), col("campaign_id"),
                        col("click_time"), col("impression_time"), col("impression_time").isNotNull().as("matched"));
        // END SOLUTION
    }
}
