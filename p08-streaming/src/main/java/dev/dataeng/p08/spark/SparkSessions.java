package dev.dataeng.p08.spark;

import org.apache.spark.sql.SparkSession;

/** The session of the Spark jobs: master from configuration (local[2] by default), UTC, small shuffles. */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * {@code shufflePartitions} is also the number of state store partitions of a streaming aggregation: fixed by
     * the first run of a checkpoint, so a restart must keep it.
     */
    public static SparkSession create(String master, int shufflePartitions) {
        return SparkSession.builder()
                .appName("p08-streaming")
                .master(System.getProperty("spark.master", master)) // spark-submit sets spark.master: its --master wins
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", shufflePartitions)
                .config("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true")
                .getOrCreate();
    }
}
