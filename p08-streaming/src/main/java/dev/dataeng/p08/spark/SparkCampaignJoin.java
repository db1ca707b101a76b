package dev.dataeng.p08.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dev.dataeng.p08.model.EnrichedClick;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Query 4 in Spark: a <em>stream–static</em> join. The campaigns topic is read once, as a batch, when the query
 * starts; the last version per campaign is kept (what a compacted topic converges to) and frozen
 * ({@code localCheckpoint}); every micro-batch of clicks joins that snapshot. So Spark answers with the version
 * that was latest <em>when the query started</em>, whatever the click's event time: a click from before a budget
 * change gets the new budget. (A stream–stream join of clicks and campaign versions could answer as of event time,
 * but Spark's stream–stream joins match on equality within a time range, not "the latest version before".)
 */
public final class SparkCampaignJoin {
    public static final String TABLE = "enriched_clicks";
    static final StructType CAMPAIGN_JSON = new StructType()
            .add("campaign_id", DataTypes.StringType).add("advertiser_id", DataTypes.LongType)
            .add("bid_micros", DataTypes.LongType).add("daily_budget_micros", DataTypes.LongType)
            .add("status", DataTypes.StringType).add("version", DataTypes.IntegerType)
            .add("updated_at", DataTypes.LongType);

    private SparkCampaignJoin() {
    }

    /** Starts the query: clicks of {@code s.inputTopic()} enriched, upserted into {@value #TABLE} by click id. */
    public static StreamingQuery start(SparkSession spark, SparkSettings s, String campaignsTopic, Trigger trigger)
            throws TimeoutException, SQLException {
        create(s.jdbcUrl());
        Dataset<Row> campaigns = latestCampaigns(spark, s.bootstrapServers(), campaignsTopic).localCheckpoint();
        Dataset<Row> clicks = SparkJobs.events(spark, s).where(col("type").equalTo("CLICK"));
        String url = s.jdbcUrl();
        VoidFunction2<Dataset<Row>, Long> upsert = (batch, batchId) -> batch
                .foreachPartition((ForeachPartitionFunction<Row>) rows -> JdbcUpsert.run(url, "MERGE INTO " + TABLE
                        + " (click_id, campaign_id, click_time, known, advertiser_id, bid_micros, daily_budget_micros, "
                        + "status, version) KEY (click_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows));
        return enrich(clicks, campaigns).writeStream()
                .queryName("p08-spark-enrich")
                .outputMode(OutputMode.Append())
                .option("checkpointLocation", s.checkpointDir())
                .trigger(trigger)
                .foreachBatch(upsert)
                .start();
    }

    /**
     * The campaigns topic read as a batch to its current end, the last version per campaign: campaign_id,
     * advertiser_id, bid_micros, daily_budget_micros, status, version.
     */
    static Dataset<Row> latestCampaigns(SparkSession spark, String bootstrapServers, String topic) {
        Dataset<Row> versions = spark.read().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("endingOffsets", "latest")
                .load()
                .where(col("value").isNotNull())
                .select(col("partition"), col("offset"), from_json(col("value").cast("string"), CAMPAIGN_JSON).as("c"))
                .select(col("partition"), col("offset"), col("c.*"));
        // the last record per key wins, as on a compacted topic (one key is always on one partition)
        return versions.withColumn("n", row_number().over(Window.partitionBy("campaign_id")
                        .orderBy(col("offset").desc())))
                .where(col("n").equalTo(1))
                .select("campaign_id", "advertiser_id", "bid_micros", "daily_budget_micros", "status", "version");
    }

    /**
     * Columns click_id, campaign_id, click_time, known, advertiser_id (-1 if unknown), bid_micros (0),
     * daily_budget_micros (0), status (null), version (0).
     */
    static Dataset<Row> enrich(Dataset<Row> clicks, Dataset<Row> campaigns) {
        // BEGIN SOLUTION step 12: clicks LEFT join the (broadcast) campaigns on campaign id; known = the campaign side matched; the defaults of EnrichedClick.unknown for the rest
        Dataset<Row> k = broadcast(campaigns.withColumnRenamed("campaign_id", "k_campaign_id"));
        return clicks.join(k, clicks.col("campaign_id").equalTo(k.col("k_campaign_id")), "left")
                .select(col("event_id").as("click_id"), col("campaign_id"), col("event_time").as("click_time"),
                        col("k_campaign_id").isNotNull().as("known"),
                        coalesce(col("advertiser_id"), lit(-1L)).as("advertiser_id"),
                        coalesce(col("bid_micros"), lit(0L)).as("bid_micros"),
                        coalesce(col("daily_budget_micros"), lit(0L)).as("daily_budget_micros"),
                        col("status"), coalesce(col("version"), lit(0)).as("version"));
        // END SOLUTION
    }

    static void create(String jdbcUrl) throws SQLException {
        JdbcUpsert.execute(jdbcUrl, "CREATE TABLE IF NOT EXISTS " + TABLE + " (click_id VARCHAR(64) NOT NULL "
                + "PRIMARY KEY, campaign_id VARCHAR(32) NOT NULL, click_time BIGINT NOT NULL, known BOOLEAN NOT NULL, "
                + "advertiser_id BIGINT NOT NULL, bid_micros BIGINT NOT NULL, daily_budget_micros BIGINT NOT NULL, "
                + "status VARCHAR(16), version INT NOT NULL)");
    }

    public static List<EnrichedClick> read(String jdbcUrl) throws SQLException {
        List<EnrichedClick> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT click_id, campaign_id, click_time, known, advertiser_id, "
                        + "bid_micros, daily_budget_micros, status, version FROM " + TABLE)) {
            while (rs.next()) {
                out.add(new EnrichedClick(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getInt(9)));
            }
        }
        return out;
    }
}
