package dev.dataeng.p05;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p05.basics.GmvTwoWays;
import dev.dataeng.p05.partitioning.DateRange;
import dev.dataeng.p05.skew.TaskMetricsListener;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BasicsTest extends SparkTestSession {

    /** The shared 1M-order input is made in set-up (10 minutes), not inside a graded test's 5 minutes. */
    @BeforeAll
    static void sharedInput() {
        SharedOrders.get(spark);
    }

    @Test
    @Checklist(id = "E4", points = 2)
    @DisplayName("DataFrame and RDD versions give the same GMV per restaurant, and neither runs a job before an action")
    void dataFramesAndRddsAreLazyAndAgree() {
        DateRange days = DateRange.of("2025-01-05", "2025-01-06");
        Dataset<Row> orders = spark.read().parquet(SharedOrders.get(spark).orders())
                .where(col("order_date").between("2025-01-05", "2025-01-06"));
        TaskMetricsListener listener = TaskMetricsListener.attach(spark.sparkContext());
        try {
            TaskMetricsListener.drain(spark.sparkContext());
            listener.reset();
            Dataset<Row> viaDataFrames = GmvTwoWays.withDataFrames(orders);
            JavaPairRDD<Long, BigDecimal> viaRdds = GmvTwoWays.withRdds(orders);
            TaskMetricsListener.drain(spark.sparkContext());
            assertThat(listener.jobsStarted())
                    .as("Spark jobs started while only building transformations (they must be lazy: no count,"
                            + " collect or write inside)")
                    .isZero();

            Map<Long, BigDecimal> a = GmvTwoWays.collect(viaDataFrames);
            Map<Long, BigDecimal> b = GmvTwoWays.collect(viaRdds);
            TaskMetricsListener.drain(spark.sparkContext());
            assertThat(listener.jobsStarted()).as("jobs started by the actions").isPositive();
            assertThat(b).as("RDD result vs DataFrame result").isEqualTo(a);

            FoodDeliveryGenerator generator = SharedOrders.generator();
            BigDecimal expected = java.util.stream.Stream.concat(generator.ordersOn(days.from()),
                            generator.ordersOn(days.to())).map(OrderBundle::order)
                    .filter(o -> o.status().equals("DELIVERED")).map(Order::total)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(a.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("GMV of delivered orders on 2025-01-05..06, summed over restaurants (plain Java from the"
                            + " generator)")
                    .isEqualByComparingTo(expected);
        } finally {
            listener.detach(spark.sparkContext());
        }
    }
}
