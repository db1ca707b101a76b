package dev.dataeng.p05;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.partitioning.DateRange;
import dev.dataeng.p05.partitioning.OrdersReader;
import dev.dataeng.p05.partitioning.OutputLayout;
import dev.dataeng.p05.plan.PlanInspector;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitioningTest extends SparkTestSession {
    private static InputTables input;
    private static final FoodDeliveryGenerator GENERATOR = SharedOrders.generator();

    @BeforeAll
    static void data() {
        input = SharedOrders.get(spark);
    }

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("orders are written Hive-style: one order_date=YYYY-MM-DD directory per day, 1M orders in all")
    void ordersArePartitionedByDate() {
        List<String> expectedDirs = IntStream.range(0, 30)
                .mapToObj(d -> "order_date=" + LocalDate.of(2025, 1, 1).plusDays(d)).toList();
        assertThat(Files2.dirs(Path.of(input.orders())))
                .as("date partition directories under orders/ (hint: DataFrameWriter.partitionBy in"
                        + " InputGenerator.writeOrders)")
                .containsExactlyElementsOf(expectedDirs);
        Dataset<Row> orders = OrdersReader.all(spark, input.orders());
        assertThat(orders.count()).as("orders in the table").isEqualTo(1_000_000L);
        long expectedOnSample = GENERATOR.ordersOn(SharedOrders.SAMPLE_DAY).count();
        assertThat(orders.where(col("order_date").equalTo(java.sql.Date.valueOf(SharedOrders.SAMPLE_DAY))).count())
                .as("orders in partition " + SharedOrders.SAMPLE_DAY + " (the generator's ordersOn that day)")
                .isEqualTo(expectedOnSample);
        assertThat(orders.columns()).as("the partition column comes back as a column when reading")
                .contains("order_date");
    }

    @Test
    @Checklist(id = "E2", points = 3)
    @DisplayName("reading a 3-day range opens only those 3 date partitions (partition pruning in the physical plan)")
    void dateRangeIsPruned() {
        DateRange range = DateRange.of("2025-01-10", "2025-01-12");
        Dataset<Row> perDay = OrdersReader.between(spark, input.orders(), range).groupBy("order_date").count();
        List<Row> rows = perDay.collectAsList();

        long expected = GENERATOR.ordersOn(range.from()).count() + GENERATOR.ordersOn(range.from().plusDays(1)).count()
                + GENERATOR.ordersOn(range.to()).count();
        assertThat(rows.stream().mapToLong(r -> r.getLong(1)).sum()).as("orders read for 2025-01-10..12")
                .isEqualTo(expected);
        List<FileSourceScanExec> scans = PlanInspector.fileScans(perDay);
        assertThat(scans).as("file scans in the executed plan").hasSize(1);
        FileSourceScanExec scan = scans.get(0);
        assertThat(scan.partitionFilters().isEmpty())
                .as("the scan has PartitionFilters (hint: filter on the partition column order_date itself, not on"
                        + " a value computed from ordered_at); plan:%n%s", PlanInspector.describe(perDay))
                .isFalse();
        assertThat(PlanInspector.metric(scan, "numPartitions"))
                .as("date partitions the scan read (metric 'number of partitions read')").contains(3L);
        long filesInRange = Stream.of("2025-01-10", "2025-01-11", "2025-01-12")
                .mapToLong(d -> Files2.parquetFiles(Path.of(input.orders(), "order_date=" + d)).size()).sum();
        assertThat(PlanInspector.metric(scan, "numFiles")).as("files the scan read: those of the 3 dates only")
                .contains(filesInRange);
    }

    @Test
    @Checklist(id = "E3", points = 2)
    @DisplayName("coalesce shrinks partitions without a shuffle; repartition by order_date writes one file per date")
    void coalesceVersusRepartition(@TempDir Path tmp) {
        Dataset<Row> mixed = OrdersReader.all(spark, input.orders())
                .where(col("order_date").between("2025-01-01", "2025-01-03")).repartition(6);

        Dataset<Row> fewer = OutputLayout.fewerPartitions(mixed, 2);
        assertThat(fewer.rdd().getNumPartitions()).as("partitions after fewerPartitions(…, 2)").isEqualTo(2);
        fewer.collectAsList();
        assertThat(PlanInspector.nodesOf(fewer, ShuffleExchangeExec.class))
                .as("fewerPartitions must not add a shuffle (hint: coalesce, not repartition)")
                .hasSize(1); // the one repartition(6) made on purpose above

        Dataset<Row> byDate = OutputLayout.onePartitionPerDate(mixed);
        assertThat(PlanInspector.nodesOf(byDate, ShuffleExchangeExec.class).stream()
                .map(exchange -> exchange.outputPartitioning().toString()))
                .as("partitionings of the shuffles in onePartitionPerDate's plan: one must distribute rows by"
                        + " order_date, so the dates spread over several tasks (coalesce(1) or repartition(1) also"
                        + " make one file per date, but funnel the whole write through a single task; hint:"
                        + " repartition(col(\"order_date\"))); plan:%n%s", PlanInspector.describe(byDate))
                .anyMatch(partitioning -> partitioning.contains("order_date"));
        Path out = tmp.resolve("by-date");
        byDate.write().partitionBy("order_date").parquet(out.toString());
        for (String dateDir : Files2.dirs(out)) {
            assertThat(Files2.parquetFiles(out.resolve(dateDir)))
                    .as("files in %s: each task writes one file per date it holds, so every date must sit in"
                            + " exactly one task (hint: repartition by the order_date column)", dateDir)
                    .hasSize(1);
        }
        assertThat(Files2.dirs(out)).hasSize(3);
    }
}
