package dev.dataeng.p08.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Undecodable input in Spark. A streaming query has one sink, so the Spark queries keep only what parses
 * ({@code SparkJobs.events}); this query reads the same topic beside them and accounts for every record: a
 * {@code parse_status} column ({@code OK} or {@code UNDECODABLE}), the undecodable records upserted with their
 * original bytes, reason and source into the table {@value #DEAD_LETTERS}, and per micro-batch the count of each
 * status into {@value #PARSE_COUNTS} — so {@code OK + UNDECODABLE = records read}.
 */
public final class SparkDeadLetters {
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String PARSE_COUNTS = "parse_counts";

    private SparkDeadLetters() {
    }

    public static StreamingQuery start(SparkSession spark, SparkSettings s, Trigger trigger)
            throws TimeoutException, SQLException {
        create(s.jdbcUrl());
        Dataset<Row> raw = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", s.bootstrapServers())
                .option("subscribe", s.inputTopic())
                .option("startingOffsets", "earliest")
                .load();
        String url = s.jdbcUrl();
        VoidFunction2<Dataset<Row>, Long> write = (batch, batchId) -> {
            batch.persist();
            batch.where(col("parse_status").notEqual("OK"))
                    .select(col("topic"), col("partition"), col("offset"), col("parse_status"), col("key"),
                            col("value"))
                    .foreachPartition((ForeachPartitionFunction<Row>) rows -> JdbcUpsert.run(url, "MERGE INTO "
                            + DEAD_LETTERS + " (source_topic, source_partition, source_offset, reason, raw_key, "
                            + "raw_value) KEY (source_topic, source_partition, source_offset) VALUES (?, ?, ?, ?, ?, ?)",
                            rows));
            java.util.List<Row> counts = batch.groupBy("parse_status").count().collectAsList(); // two rows at most
            try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO " + PARSE_COUNTS + " (batch_id, parse_status, records) KEY (batch_id, parse_status) "
                            + "VALUES (?, ?, ?)")) {
                for (Row r : counts) {
                    ps.setLong(1, batchId);
                    ps.setString(2, r.getString(0));
                    ps.setLong(3, r.getLong(1));
                    ps.executeUpdate();
                }
            }
            batch.unpersist();
        };
        return withParseStatus(raw).writeStream()
                .queryName("p08-spark-dead-letters")
                .option("checkpointLocation", s.checkpointDir())
                .trigger(trigger)
                .foreachBatch(write)
                .start();
    }

    /**
     * The Kafka rows (topic, partition, offset, key, value) with {@code parse_status}: {@code OK} when the value is
     * an ad event (every field there, a known type), else {@code UNDECODABLE}.
     */
    static Dataset<Row> withParseStatus(Dataset<Row> kafkaRows) {
        // BEGIN SOLUTION step 13: from_json with SparkJobs.EVENT_JSON gives null fields (not an error) for bytes that are no event: parse_status OK only when every field is there and the type is IMPRESSION or CLICK
        Dataset<Row> parsed = kafkaRows.withColumn("e", from_json(col("value").cast("string"), SparkJobs.EVENT_JSON));
        return parsed.withColumn("parse_status", when(col("e.event_id").isNotNull()
                        .and(col("e.type").isin("IMPRESSION", "CLICK"))
                        .and(col("e.campaign_id").isNotNull()).and(col("e.user_id").isNotNull())
                        .and(col("e.impression_id").isNotNull()).and(col("e.event_time").isNotNull()), lit("OK"))
                .otherwise(lit("UNDECODABLE")));
        // END SOLUTION
    }

    static void create(String jdbcUrl) throws SQLException {
        JdbcUpsert.execute(jdbcUrl, "CREATE TABLE IF NOT EXISTS " + DEAD_LETTERS + " (source_topic VARCHAR(255) "
                + "NOT NULL, source_partition INT NOT NULL, source_offset BIGINT NOT NULL, reason VARCHAR(255) NOT NULL, "
                + "raw_key VARBINARY, raw_value VARBINARY, PRIMARY KEY (source_topic, source_partition, source_offset))",
                "CREATE TABLE IF NOT EXISTS " + PARSE_COUNTS + " (batch_id BIGINT NOT NULL, parse_status VARCHAR(16) "
                        + "NOT NULL, records BIGINT NOT NULL, PRIMARY KEY (batch_id, parse_status))");
    }
}
