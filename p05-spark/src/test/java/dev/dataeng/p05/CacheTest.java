package dev.dataeng.p05;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p05.caching.ReuseCache;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.joins.JoinChoice;
import dev.dataeng.p05.joins.OrderEnrichment;
import dev.dataeng.p05.plan.PlanInspector;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CacheTest extends SparkTestSession {

    /** The shared 1M-order input is made in set-up (10 minutes), not inside a graded test's 5 minutes. */
    @BeforeAll
    static void sharedInput() {
        SharedOrders.get(spark);
    }

    @Test
    @Checklist(id = "E11", points = 2)
    @DisplayName("a Dataset reused by several queries is cached at the asked level, read from memory, then released")
    void cacheIsUsedAndReleased() {
        InputTables input = SharedOrders.get(spark);
        Dataset<Row> enriched = OrderEnrichment.enrich(
                spark.read().parquet(input.orders()).where(col("order_date").between("2025-01-01", "2025-01-07")),
                spark.read().parquet(input.restaurants()), JoinChoice.BROADCAST);

        Dataset<Row> cached = ReuseCache.cacheForReuse(enriched, StorageLevel.MEMORY_ONLY());
        assertThat(cached.storageLevel()).as("storage level of the cached Dataset").isEqualTo(StorageLevel.MEMORY_ONLY());
        assertThat(cachedPartitions())
                .as("partitions held in the block manager right after cacheForReuse (hint: persist is lazy;"
                        + " run an action so the blocks are actually stored)")
                .isPositive();

        Dataset<Row> perCity = cached.groupBy("city_id").count();
        Dataset<Row> perCuisine = cached.groupBy("cuisine").count();
        perCity.collectAsList();
        perCuisine.collectAsList();
        assertThat(PlanInspector.nodesOf(perCity, InMemoryTableScanExec.class))
                .as("a later query on the cached Dataset reads the in-memory columnar cache; plan:%n%s",
                        PlanInspector.describe(perCity))
                .isNotEmpty();
        assertThat(PlanInspector.nodesOf(perCuisine, InMemoryTableScanExec.class)).isNotEmpty();

        ReuseCache.release(cached);
        assertThat(cachedPartitions()).as("cached partitions after release (hint: unpersist)").isZero();
        assertThat(cached.storageLevel()).isEqualTo(StorageLevel.NONE());
        Dataset<Row> after = cached.groupBy("city_id").count();
        after.collectAsList();
        assertThat(PlanInspector.nodesOf(after, InMemoryTableScanExec.class))
                .as("after release, queries read the Parquet files again").isEmpty();
    }

    private static int cachedPartitions() {
        return Arrays.stream(spark.sparkContext().getRDDStorageInfo()).mapToInt(RDDInfo::numCachedPartitions).sum();
    }
}
