package dev.dataeng.p05;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.plan.PlanInspector;
import dev.dataeng.p05.skew.Salting;
import dev.dataeng.p05.skew.SkewDemo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 1M orders, 30% of them on restaurant 1, joined to restaurants by a shuffle join three ways. */
class SkewTest extends SparkTestSession {
    private static SkewDemo.Comparison comparison;
    private static InputTables input;

    @BeforeAll
    static void runTheThreeVariants() {
        input = SharedOrders.get(spark);
        SparkSession session = spark.newSession();
        session.conf().set("spark.sql.shuffle.partitions", "8");
        comparison = SkewDemo.compare(session, session.read().parquet(input.orders()),
                session.read().parquet(input.restaurants()), 8, 1L << 20);
    }

    @Test
    @Checklist(id = "E8", points = 3)
    @DisplayName("the salted join gives exactly the same GMV per city as the unsalted join, with a deterministic salt")
    void saltingKeepsTheAnswer() {
        assertThat(comparison.salted().gmvByCity())
                .as("GMV per city, salted vs unsalted (hint: each salt value of the big side must meet exactly one"
                        + " copy of the matching restaurant: replicate restaurants once per salt value)")
                .hasSize(12)
                .isEqualTo(comparison.unsalted().gmvByCity());
        Dataset<Row> salted = Salting.saltedEnrich(spark.read().parquet(input.orders()),
                spark.read().parquet(input.restaurants()), 8);
        assertThat(salted.queryExecution().analyzed().deterministic())
                .as("the salted join's plan is deterministic (hint: derive the salt from the row, e.g. order_id mod"
                        + " buckets, not rand(): a retried or speculative task must put every row in the same"
                        + " bucket again, or a recomputed partition can lose or duplicate orders); plan:%n%s",
                        salted.queryExecution().analyzed().treeString())
                .isTrue();
    }

    @Test
    @Checklist(id = "E9", points = 2)
    @DisplayName("salting spreads the hot restaurant: the biggest join task reads far fewer rows than without salt")
    void saltingSpreadsTheHotKey() {
        var unsalted = comparison.unsalted().balance();
        var salted = comparison.salted().balance();
        assertThat(unsalted.recordImbalance()).as("unsalted join stage: max/median records per task (%s)",
                unsalted.describe()).isGreaterThan(3.0);
        assertThat((double) salted.maxRecords())
                .as("max records read by one task of the join stage, salted (%s) vs unsalted (%s); hint: the salt"
                        + " must vary across the hot key's rows (e.g. order_id mod buckets)", salted.describe(),
                        unsalted.describe())
                .isLessThan(0.75 * unsalted.maxRecords());
    }

    @Test
    @Checklist(id = "E10", points = 3)
    @DisplayName("AQE's skew join is enabled and effective: SortMergeJoin(skew=true), smaller biggest task, same answer")
    void adaptiveSkewJoinSplitsTheHotPartition() {
        var adaptive = comparison.adaptive();
        assertThat(PlanInspector.nodesOf(adaptive.executed(), SortMergeJoinExec.class))
                .as("sort-merge joins of the final adaptive plan flagged isSkewJoin (hint: SkewJoinSettings must"
                        + " turn on AQE and its skew join, with a threshold below this data's partition sizes);"
                        + " plan:%n%s", PlanInspector.describe(adaptive.executed()))
                .anyMatch(SortMergeJoinExec::isSkewJoin);
        assertThat(adaptive.balance().maxRecords())
                .as("max records read by one task of the join stage, AQE skew join (%s) vs plain sort-merge join"
                        + " (%s): the hot partition must have been split", adaptive.balance().describe(),
                        comparison.unsalted().balance().describe())
                .isLessThan(comparison.unsalted().balance().maxRecords());
        assertThat(adaptive.gmvByCity()).as("GMV per city with the skew join")
                .isEqualTo(comparison.unsalted().gmvByCity());
    }
}
