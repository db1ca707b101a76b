package dev.dataeng.p05.skew;

import org.apache.spark.sql.RuntimeConfig;

/**
 * Adaptive query execution's skew-join handling. After the shuffle map stage has run, AQE knows each partition's
 * real size; a partition bigger than {@code factor × median} and than the threshold is split into several tasks,
 * each joined with a copy of the matching partition of the other side ({@code SortMergeJoin(skew=true)}).
 */
public final class SkewJoinSettings {
    private SkewJoinSettings() {
    }

    /**
     * Turns AQE and its skew join on, with a threshold fit for {@code thresholdBytes}-sized data (Spark's default,
     * 256 MB, suits a cluster; a laptop-sized table needs a smaller one to be seen as skewed at all).
     */
    public static void enable(RuntimeConfig conf, long thresholdBytes) {
        // BEGIN SOLUTION step 7
        conf.set("spark.sql.adaptive.enabled", "true");
        conf.set("spark.sql.adaptive.skewJoin.enabled", "true");
        conf.set("spark.sql.adaptive.skewJoin.skewedPartitionFactor", "2");
        conf.set("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", Long.toString(thresholdBytes));
        conf.set("spark.sql.adaptive.advisoryPartitionSizeInBytes", Long.toString(thresholdBytes));
        // END SOLUTION
    }
}
