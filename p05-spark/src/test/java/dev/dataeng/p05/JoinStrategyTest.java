package dev.dataeng.p05;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.joins.JoinChoice;
import dev.dataeng.p05.joins.OrderEnrichment;
import dev.dataeng.p05.plan.PlanInspector;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.exchange.BroadcastExchangeExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class JoinStrategyTest extends SparkTestSession {
    private static InputTables input;
    private static List<Row> reference;

    @BeforeAll
    static void data() {
        input = SharedOrders.get(spark);
    }

    /** Runs GMV per city over the enrichment and returns the executed Dataset (its plan is final). */
    private static Dataset<Row> gmvPerCity(SparkSession session, JoinChoice choice, boolean fullMonth) {
        Dataset<Row> orders = session.read().parquet(input.orders());
        if (!fullMonth) {
            orders = orders.where(col("order_date").between("2025-01-01", "2025-01-05"));
        }
        Dataset<Row> gmv = OrderEnrichment.enrich(orders, session.read().parquet(input.restaurants()), choice)
                .groupBy("city_id").agg(sum("total").as("gmv")).orderBy("city_id");
        List<Row> rows = gmv.collectAsList();
        assertThat(rows).as("GMV per city over the enriched orders: 12 cities").hasSize(12);
        if (!fullMonth) {
            synchronized (JoinStrategyTest.class) {
                if (reference == null) {
                    reference = rows;
                }
                assertThat(rows).as("every join strategy must give the same answer").isEqualTo(reference);
            }
        }
        return gmv;
    }

    /** Columns of the side(s) that were broadcast: restaurants has city_id, orders has order_id. */
    private static List<String> broadcastColumns(Dataset<Row> executed) {
        return PlanInspector.nodesOf(executed, BroadcastExchangeExec.class).stream()
                .flatMap(exchange -> CollectionConverters.asJava(exchange.output()).stream().map(Attribute::name))
                .toList();
    }

    private static void assertRestaurantsAreBroadcast(Dataset<Row> executed) {
        assertThat(broadcastColumns(executed))
                .as("columns of the broadcast side: it must be the 20k restaurants, never the orders (hint: put the"
                        + " broadcast hint on the restaurants Dataset); plan:%n%s", PlanInspector.describe(executed))
                .contains("city_id")
                .doesNotContain("order_id");
    }

    @Test
    @Checklist(id = "E5", points = 2)
    @DisplayName("with default thresholds, orders ⋈ restaurants (20k rows) runs as a broadcast hash join over 1M orders")
    void smallDimensionIsBroadcast() {
        Dataset<Row> executed = gmvPerCity(spark.newSession(), JoinChoice.AUTO, true);
        assertThat(PlanInspector.joinStrategies(executed))
                .as("join operators in the executed plan (restaurants is far below the 10 MB"
                        + " autoBroadcastJoinThreshold); plan:%n%s", PlanInspector.describe(executed))
                .containsExactly("BroadcastHashJoinExec");
        assertRestaurantsAreBroadcast(executed);
    }

    @Test
    @Checklist(id = "E6", points = 2)
    @DisplayName("above the broadcast threshold (disabled with -1) the same join falls back to a sort-merge join")
    void overThresholdIsSortMerge() {
        SparkSession session = spark.newSession();
        session.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        Dataset<Row> executed = gmvPerCity(session, JoinChoice.AUTO, false);
        assertThat(PlanInspector.joinStrategies(executed))
                .as("join operators with no hint and no broadcast allowed (hint: AUTO must add no hint);"
                        + " plan:%n%s", PlanInspector.describe(executed))
                .containsExactly("SortMergeJoinExec");
    }

    @Test
    @Checklist(id = "E7", points = 3)
    @DisplayName("hints pick the strategy: broadcast beats a disabled threshold, shuffle_hash and merge are obeyed")
    void hintsPickTheStrategy() {
        SparkSession noAutoBroadcast = spark.newSession();
        noAutoBroadcast.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        Dataset<Row> broadcast = gmvPerCity(noAutoBroadcast, JoinChoice.BROADCAST, false);
        assertThat(PlanInspector.joinStrategies(broadcast)).as("BROADCAST hint with the threshold disabled")
                .containsExactly("BroadcastHashJoinExec");
        assertRestaurantsAreBroadcast(broadcast);

        Dataset<Row> shuffleHash = gmvPerCity(spark.newSession(), JoinChoice.SHUFFLE_HASH, false);
        assertThat(PlanInspector.joinStrategies(shuffleHash)).as("SHUFFLE_HASH hint; plan:%n%s",
                PlanInspector.describe(shuffleHash)).containsExactly("ShuffledHashJoinExec");

        Dataset<Row> merge = gmvPerCity(spark.newSession(), JoinChoice.MERGE, false);
        assertThat(PlanInspector.joinStrategies(merge)).as("MERGE hint on a table small enough to broadcast")
                .containsExactly("SortMergeJoinExec");
    }
}
