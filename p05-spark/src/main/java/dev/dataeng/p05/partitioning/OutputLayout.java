package dev.dataeng.p05.partitioning;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many files a write produces is decided by the partitions of the Dataset being written: each task writes one
 * file per table partition it holds rows for.
 */
public final class OutputLayout {
    private OutputLayout() {
    }

    /**
     * Fewer partitions without a shuffle: {@code coalesce} merges neighbouring partitions in place (cheap, but it can
     * leave uneven partitions and lowers the parallelism of everything upstream in the same stage).
     */
    public static Dataset<Row> fewerPartitions(Dataset<Row> df, int partitions) {
        // BEGIN SOLUTION step 5
        return df.coalesce(partitions);
        // END SOLUTION
    }

    /**
     * One task per date: {@code repartition(col)} shuffles rows by hash of the date so a date-partitioned write makes
     * exactly one file per date instead of one per (task, date).
     */
    public static Dataset<Row> onePartitionPerDate(Dataset<Row> df) {
        // BEGIN SOLUTION step 5
        return df.repartition(col("order_date"));
        // END SOLUTION
    }
}
