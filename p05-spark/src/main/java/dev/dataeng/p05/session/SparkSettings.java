package dev.dataeng.p05.session;

/**
 * Where and how a job runs.
 *
 * @param master            Spark master URL used when none is given by {@code spark-submit} (e.g. {@code local[*]})
 * @param shufflePartitions {@code spark.sql.shuffle.partitions}: tasks per shuffle (200 by default in Spark, far too
 *                          many for a laptop; about 2-4 per core is right for small data)
 * @param uiEnabled         the Spark web UI (port 4040); off in tests
 */
public record SparkSettings(String master, int shufflePartitions, boolean uiEnabled) {

    /** What tests use: two local cores, four shuffle partitions, no UI. */
    public static SparkSettings forTests() {
        return new SparkSettings("local[2]", 4, false);
    }
}
