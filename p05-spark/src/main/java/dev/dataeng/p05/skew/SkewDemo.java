package dev.dataeng.p05.skew;

import static org.apache.spark.sql.functions.sum;

import dev.dataeng.p05.joins.JoinChoice;
import dev.dataeng.p05.joins.OrderEnrichment;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs GMV per city over a shuffle join of orders and restaurants three ways and measures the join stage's balance:
 * plain sort-merge join (the hot restaurant's rows all land in one task), salted, and AQE skew join.
 */
public final class SkewDemo {
    private SkewDemo() {
    }

    /** Balance of the three variants, and their (identical) answers. */
    public record Comparison(Measured unsalted, Measured salted, Measured adaptive) {
    }

    public record Measured(StageBalance balance, List<Row> gmvByCity, Dataset<Row> executed) {
    }

    public static Comparison compare(SparkSession spark, Dataset<Row> orders, Dataset<Row> restaurants,
            int saltBuckets, long skewThresholdBytes) {
        // a shuffle join on purpose: the dimension is treated as too big to broadcast
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        spark.conf().set("spark.sql.adaptive.enabled", "false");
        Measured unsalted = measure(spark,
                () -> gmvByCity(OrderEnrichment.enrich(orders, restaurants, JoinChoice.MERGE)));
        Measured salted = measure(spark, () -> gmvByCity(Salting.saltedEnrich(orders, restaurants, saltBuckets)));
        SkewJoinSettings.enable(spark.conf(), skewThresholdBytes);
        Measured adaptive = measure(spark,
                () -> gmvByCity(OrderEnrichment.enrich(orders, restaurants, JoinChoice.MERGE)));
        return new Comparison(unsalted, salted, adaptive);
    }

    static Dataset<Row> gmvByCity(Dataset<Row> enriched) {
        return enriched.groupBy("city_id").agg(sum("total").as("gmv")).orderBy("city_id");
    }

    public static Measured measure(SparkSession spark, Supplier<Dataset<Row>> query) {
        TaskMetricsListener listener = TaskMetricsListener.attach(spark.sparkContext());
        try {
            Dataset<Row> df = query.get();
            List<Row> rows = df.collectAsList();
            TaskMetricsListener.drain(spark.sparkContext());
            return new Measured(StageBalance.heaviestShuffleStage(listener.tasks()), rows, df);
        } finally {
            listener.detach(spark.sparkContext());
        }
    }
}
