package dev.dataeng.p05.curate;

import dev.dataeng.p05.joins.JoinChoice;

/**
 * The knobs that separate a naive Spark job from a tuned one on the same data.
 *
 * @param join              how the orders-restaurants join is done
 * @param adaptive          adaptive query execution (runtime re-planning, skew join, partition coalescing)
 * @param shufflePartitions partitions of every shuffle
 * @param cacheEnriched     keep the joined orders in memory for the three tables that read them
 * @param onePartitionPerDate shuffle by date before writing, so each date gets one file
 */
public record JobTuning(JoinChoice join, boolean adaptive, int shufflePartitions, boolean cacheEnriched,
        boolean onePartitionPerDate) {

    /** Spark's defaults with AQE off and a big dimension: sort-merge join on a skewed key, 200 partitions, no cache. */
    public static JobTuning naive() {
        return new JobTuning(JoinChoice.MERGE, false, 200, false, false);
    }

    /** Broadcast the small side, AQE on, few partitions, cache what is read three times, one file per date. */
    public static JobTuning tuned(int cores) {
        return new JobTuning(JoinChoice.BROADCAST, true, Math.max(2, 2 * cores), true, true);
    }

    /** The same tuning with another shuffle partition count (e.g. {@code --shuffle-partitions} on a cluster). */
    public JobTuning withShufflePartitions(int partitions) {
        return new JobTuning(join, adaptive, partitions, cacheEnriched, onePartitionPerDate);
    }
}
