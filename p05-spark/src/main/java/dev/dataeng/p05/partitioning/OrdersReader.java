package dev.dataeng.p05.partitioning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the orders table; a date range becomes a partition filter, so Spark lists and opens only those dates. */
public final class OrdersReader {
    private OrdersReader() {
    }

    public static Dataset<Row> all(SparkSession spark, String ordersPath) {
        return spark.read().parquet(ordersPath);
    }

    /**
     * Orders of {@code range} only. The filter must be on the partition column itself (not on a value derived from
     * ordered_at), or Spark cannot prune directories and reads the whole table.
     */
    public static Dataset<Row> between(SparkSession spark, String ordersPath, DateRange range) {
        // BEGIN SOLUTION step 4
        return all(spark, ordersPath)
                .where(col("order_date").between(lit(range.from()), lit(range.to())));
        // END SOLUTION
    }
}
