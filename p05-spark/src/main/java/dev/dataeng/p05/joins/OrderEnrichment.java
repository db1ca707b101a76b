package dev.dataeng.p05.joins;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Orders joined with their restaurant (city, cuisine): the join every curated table starts from. */
public final class OrderEnrichment {
    private OrderEnrichment() {
    }

    /**
     * {@code orders ⋈ restaurants} on restaurant_id, keeping every order column plus city_id and cuisine.
     * The {@code choice} becomes a join hint on the restaurants side; AUTO leaves the choice to Spark's planner.
     */
    public static Dataset<Row> enrich(Dataset<Row> orders, Dataset<Row> restaurants, JoinChoice choice) {
        Dataset<Row> dims = restaurants.select(col("restaurant_id"), col("city_id"), col("cuisine"));
        // BEGIN SOLUTION step 6
        Dataset<Row> hinted = switch (choice) {
            case AUTO -> dims;
            case BROADCAST -> dims.hint("broadcast");
            case SHUFFLE_HASH -> dims.hint("shuffle_hash");
            case MERGE -> dims.hint("merge");
        };
        return orders.join(hinted, "restaurant_id");
        // END SOLUTION
    }
}
