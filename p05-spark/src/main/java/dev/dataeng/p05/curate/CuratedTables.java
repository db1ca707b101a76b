package dev.dataeng.p05.curate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The three curated tables, each a function of the enriched orders (orders ⋈ restaurants, with city_id). GMV counts
 * DELIVERED orders only; delivery time covers every order that was delivered (refunds too).
 */
public final class CuratedTables {
    private CuratedTables() {
    }

    /** order_date, city_id, orders, gmv: value of delivered orders per city and day. */
    public static Dataset<Row> dailyGmvByCity(Dataset<Row> enriched) {
        // BEGIN SOLUTION step 9
        return enriched.where(col("status").equalTo("DELIVERED"))
                .groupBy("order_date", "city_id")
                .agg(count(lit(1)).as("orders"), sum("total").as("gmv"));
        // END SOLUTION
    }

    /**
     * The top {@code topN} restaurants of each city and day by GMV: rank (1 = highest GMV, ties broken by the lower
     * restaurant_id), the restaurant's share of its city's GMV that day, and the cumulative share down the ranking.
     */
    public static Dataset<Row> restaurantRankings(Dataset<Row> enriched, int topN) {
        // BEGIN SOLUTION step 9
        Dataset<Row> perRestaurant = enriched.where(col("status").equalTo("DELIVERED"))
                .groupBy("order_date", "city_id", "restaurant_id")
                .agg(count(lit(1)).as("orders"), sum("total").as("gmv"));
        WindowSpec cityDay = Window.partitionBy("order_date", "city_id");
        WindowSpec ranking = cityDay.orderBy(col("gmv").desc(), col("restaurant_id").asc());
        Column cityGmv = sum("gmv").over(cityDay).cast("double");
        Column runningGmv = sum("gmv").over(ranking.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        return perRestaurant
                .withColumn("rank", row_number().over(ranking))
                .withColumn("gmv_share", col("gmv").cast("double").divide(cityGmv))
                .withColumn("cumulative_share", runningGmv.cast("double").divide(cityGmv))
                .where(col("rank").leq(topN));
        // END SOLUTION
    }

    /** order_date, city_id, deliveries, p50/p90/p99 of minutes from order to delivery (exact, interpolated). */
    public static Dataset<Row> deliveryPercentiles(Dataset<Row> enriched) {
        // BEGIN SOLUTION step 9
        Column minutes = unix_seconds(col("delivered_at")).minus(unix_seconds(col("ordered_at"))).divide(60.0);
        return enriched.where(col("delivered_at").isNotNull())
                .withColumn("minutes", minutes)
                .groupBy("order_date", "city_id")
                .agg(count(lit(1)).as("deliveries"),
                        percentile(col("minutes"), lit(0.5)).as("p50_minutes"),
                        percentile(col("minutes"), lit(0.9)).as("p90_minutes"),
                        percentile(col("minutes"), lit(0.99)).as("p99_minutes"));
        // END SOLUTION
    }
}
