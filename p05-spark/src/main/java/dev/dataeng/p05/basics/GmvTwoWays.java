package dev.dataeng.p05.basics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The same question, GMV (value of delivered orders) per restaurant, asked twice: with the DataFrame API, which
 * Catalyst can optimise (column pruning, partial aggregation in Tungsten's binary format), and with the RDD API, where
 * Spark sees opaque Java lambdas over whole Row objects. Both are lazy: building them runs no job; the action at the
 * end does.
 */
public final class GmvTwoWays {
    private GmvTwoWays() {
    }

    /** A transformation: a plan, not a result. Nothing runs until an action (collect, count, write). */
    public static Dataset<Row> withDataFrames(Dataset<Row> orders) {
        // BEGIN SOLUTION step 3
        return orders.where(col("status").equalTo("DELIVERED"))
                .groupBy("restaurant_id").agg(sum("total").as("gmv"));
        // END SOLUTION
    }

    /** Also lazy: {@code mapToPair} and {@code reduceByKey} only describe the lineage. */
    public static JavaPairRDD<Long, BigDecimal> withRdds(Dataset<Row> orders) {
        // BEGIN SOLUTION step 3
        return orders.javaRDD()
                .filter(row -> "DELIVERED".equals(row.getAs("status")))
                .mapToPair(row -> new Tuple2<Long, BigDecimal>(row.getAs("restaurant_id"), row.getAs("total")))
                .reduceByKey(BigDecimal::add);
        // END SOLUTION
    }

    /** The action for the DataFrame version: small result (one row per restaurant), fine to collect. */
    public static Map<Long, BigDecimal> collect(Dataset<Row> gmv) {
        Map<Long, BigDecimal> out = new TreeMap<>();
        gmv.collectAsList().forEach(r -> out.put(r.getLong(0), r.getDecimal(1)));
        return out;
    }

    public static Map<Long, BigDecimal> collect(JavaPairRDD<Long, BigDecimal> gmv) {
        return new TreeMap<>(gmv.collectAsMap());
    }
}
