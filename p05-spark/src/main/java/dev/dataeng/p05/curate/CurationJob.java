package dev.dataeng.p05.curate;

import dev.dataeng.p05.caching.ReuseCache;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.joins.OrderEnrichment;
import dev.dataeng.p05.partitioning.DateRange;
import dev.dataeng.p05.partitioning.OrdersReader;
import dev.dataeng.p05.partitioning.OutputLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The chapter's batch job: read a date range of orders (pruned), enrich them with restaurants, write the three
 * curated tables partitioned by date. Writes use dynamic partition overwrite: a run replaces exactly the dates it
 * covers and leaves the others alone, so re-running a day (a backfill, a late correction) is idempotent.
 */
public final class CurationJob {
    public static final String DAILY_GMV = "daily_gmv_city";
    public static final String RANKINGS = "restaurant_rankings";
    public static final String PERCENTILES = "delivery_percentiles";
    public static final int TOP_N = 10;

    private CurationJob() {
    }

    public static CurationResult run(SparkSession spark, InputTables input, String output, DateRange range,
            JobTuning tuning) {
        spark.conf().set("spark.sql.adaptive.enabled", Boolean.toString(tuning.adaptive()));
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(tuning.shufflePartitions()));
        Dataset<Row> orders = OrdersReader.between(spark, input.orders(), range);
        Dataset<Row> restaurants = spark.read().parquet(input.restaurants());
        Dataset<Row> enriched = OrderEnrichment.enrich(orders, restaurants, tuning.join());
        if (tuning.cacheEnriched()) {
            enriched = ReuseCache.cacheForReuse(enriched, StorageLevel.MEMORY_AND_DISK());
        }
        try {
            long gmv = write(CuratedTables.dailyGmvByCity(enriched), output + "/" + DAILY_GMV, tuning);
            long ranks = write(CuratedTables.restaurantRankings(enriched, TOP_N), output + "/" + RANKINGS, tuning);
            long pct = write(CuratedTables.deliveryPercentiles(enriched), output + "/" + PERCENTILES, tuning);
            return new CurationResult(gmv, ranks, pct);
        } finally {
            if (tuning.cacheEnriched()) {
                ReuseCache.release(enriched);
            }
        }
    }

    /** Writes one table, replacing only the dates present in {@code table}; returns the rows the table then holds. */
    static long write(Dataset<Row> table, String path, JobTuning tuning) {
        Dataset<Row> laidOut = tuning.onePartitionPerDate() ? OutputLayout.onePartitionPerDate(table) : table;
        writeDatePartitions(laidOut, path);
        return table.sparkSession().read().parquet(path).count();
    }

    static void writeDatePartitions(Dataset<Row> table, String path) {
        // BEGIN SOLUTION step 10
        // with spark.sql.sources.partitionOverwriteMode=dynamic (set in Sessions) Overwrite touches only these dates
        table.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                .partitionBy("order_date").parquet(path);
        // END SOLUTION
    }
}
