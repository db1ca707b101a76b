package dev.dataeng.p05.generate;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Generates the input tables inside Spark tasks: one task per day of orders, each building its own generator from
 * the (serialisable) spec. Nothing is materialised on the driver, so the same code makes 1M or 100M rows.
 */
public final class InputGenerator {
    private static final int RESTAURANTS_PER_TASK = 50_000;

    private InputGenerator() {
    }

    /** Writes orders (Parquet, Hive-style partitioned by order_date), restaurants and cities; returns the order count. */
    public static long generate(SparkSession spark, GenerationSpec spec, InputTables out) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> days = IntStream.range(0, spec.days()).boxed().toList();
        JavaRDD<Row> orderRows = jsc.parallelize(days, days.size()).flatMap(day ->
                new FoodDeliveryGenerator(spec.config()).ordersOn(spec.start().plusDays(day))
                        .map(Schemas::order).iterator());
        Dataset<Row> orders = spark.createDataFrame(orderRows, Schemas.ORDERS);
        writeOrders(orders, out.orders());

        long restaurantCount = spec.config().restaurantCount();
        List<long[]> ranges = new ArrayList<>();
        for (long from = 1; from <= restaurantCount; from += RESTAURANTS_PER_TASK) {
            ranges.add(new long[] {from, Math.min(restaurantCount, from + RESTAURANTS_PER_TASK - 1)});
        }
        JavaRDD<Row> restaurantRows = jsc.parallelize(ranges, ranges.size()).flatMap(range -> {
            FoodDeliveryGenerator generator = new FoodDeliveryGenerator(spec.config());
            return java.util.stream.LongStream.rangeClosed(range[0], range[1])
                    .mapToObj(id -> Schemas.restaurant(generator.restaurant(id))).iterator();
        });
        spark.createDataFrame(restaurantRows, Schemas.RESTAURANTS).write().mode(SaveMode.Overwrite)
                .parquet(out.restaurants());
        spark.createDataFrame(FoodDeliveryGenerator.CITIES.stream().map(Schemas::city).toList(), Schemas.CITIES)
                .coalesce(1).write().mode(SaveMode.Overwrite).parquet(out.cities());
        return spec.orderCount();
    }

    /**
     * Orders land as {@code orders/order_date=2025-01-07/part-….parquet}: a reader asking for a date range then opens
     * only those directories (partition pruning). Each task here holds one day, so each date gets one file.
     */
    static void writeOrders(Dataset<Row> orders, String path) {
        // BEGIN SOLUTION step 2
        orders.write().mode(SaveMode.Overwrite).partitionBy("order_date").parquet(path);
        // END SOLUTION
    }
}
