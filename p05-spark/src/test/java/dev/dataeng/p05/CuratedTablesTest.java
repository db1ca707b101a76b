package dev.dataeng.p05;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p05.curate.CuratedTables;
import dev.dataeng.p05.curate.CurationJob;
import dev.dataeng.p05.curate.CurationResult;
import dev.dataeng.p05.curate.JobTuning;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.joins.OrderEnrichment;
import dev.dataeng.p05.partitioning.DateRange;
import dev.dataeng.p05.partitioning.OrdersReader;
import dev.dataeng.p05.plan.PlanInspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.aggregate.BaseAggregateExec;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the curation job once over the 1M orders and checks one sample day against plain Java. */
class CuratedTablesTest extends SparkTestSession {
    @TempDir
    static Path out;
    private static InputTables input;
    private static CurationResult firstRun;
    private static ExpectedFromGenerator expected;
    private static final String DAY = SharedOrders.SAMPLE_DAY.toString();

    @BeforeAll
    static void runJob() {
        input = SharedOrders.get(spark);
        firstRun = CurationJob.run(spark.newSession(), input, out.toString(), DateRange.of("2025-01-01", "2025-01-30"),
                JobTuning.tuned(2));
        expected = new ExpectedFromGenerator(SharedOrders.generator(), SharedOrders.SAMPLE_DAY);
    }

    private static List<Row> day(String table) {
        return spark.read().parquet(out.resolve(table).toString()).where(col("order_date").equalTo(DAY))
                .orderBy("city_id").collectAsList();
    }

    @Test
    @Checklist(id = "E12", points = 3)
    @DisplayName("daily GMV per city matches a plain-Java computation from the generator for a sample day")
    void dailyGmvPerCity() {
        Map<Integer, ExpectedFromGenerator.CityDay> want = expected.gmvByCity();
        Map<Integer, ExpectedFromGenerator.CityDay> got = new TreeMap<>();
        for (Row r : day(CurationJob.DAILY_GMV)) {
            got.put(r.<Integer>getAs("city_id"), new ExpectedFromGenerator.CityDay(r.<Long>getAs("orders"),
                    r.<java.math.BigDecimal>getAs("gmv").stripTrailingZeros()));
        }
        want.replaceAll((k, v) -> new ExpectedFromGenerator.CityDay(v.orders(), v.gmv().stripTrailingZeros()));
        assertThat(got).as("(orders, GMV) per city on %s: DELIVERED orders only, city of the restaurant", DAY)
                .isEqualTo(want);
        assertThat(firstRun.gmvRows()).as("rows of daily_gmv_city: 30 days × 12 cities").isEqualTo(360);
        assertBuiltByADistributedPlan(CurationJob.DAILY_GMV, CuratedTables::dailyGmvByCity);
    }

    @Test
    @Checklist(id = "E13", points = 3)
    @DisplayName("restaurant rankings (window functions: rank, GMV share, cumulative share) match plain Java")
    void restaurantRankings() {
        Map<Integer, List<ExpectedFromGenerator.Ranked>> want = expected.rankings(CurationJob.TOP_N);
        List<Row> rows = spark.read().parquet(out.resolve(CurationJob.RANKINGS).toString())
                .where(col("order_date").equalTo(DAY)).orderBy("city_id", "rank").collectAsList();
        assertThat(rows).as("ranking rows on %s: top %d of each of 12 cities", DAY, CurationJob.TOP_N)
                .hasSize(want.values().stream().mapToInt(List::size).sum());
        int i = 0;
        for (var entry : want.entrySet()) {
            for (ExpectedFromGenerator.Ranked w : entry.getValue()) {
                Row r = rows.get(i++);
                String where = "city " + entry.getKey() + " rank " + w.rank();
                assertThat(r.<Integer>getAs("city_id")).as(where + ": city").isEqualTo(entry.getKey());
                assertThat(r.<Integer>getAs("rank")).as(where + ": rank").isEqualTo(w.rank());
                assertThat(r.<Long>getAs("restaurant_id"))
                        .as(where + ": restaurant (order by gmv desc, then restaurant_id asc)")
                        .isEqualTo(w.restaurantId());
                assertThat(r.<java.math.BigDecimal>getAs("gmv")).as(where + ": gmv").isEqualByComparingTo(w.gmv());
                assertThat(r.<Double>getAs("gmv_share")).as(where + ": share of the city's GMV that day")
                        .isCloseTo(w.share(), within(1e-9));
                assertThat(r.<Double>getAs("cumulative_share"))
                        .as(where + ": cumulative share (window frame: rows from the top to this one)")
                        .isCloseTo(w.cumulativeShare(), within(1e-9));
            }
        }
        assertBuiltByADistributedPlan(CurationJob.RANKINGS, e -> CuratedTables.restaurantRankings(e, CurationJob.TOP_N));
    }

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("delivery-time percentiles (p50, p90, p99 per city and day) match plain Java")
    void deliveryPercentiles() {
        Map<Integer, ExpectedFromGenerator.Percentiles> want = expected.deliveryPercentiles();
        List<Row> rows = day(CurationJob.PERCENTILES);
        assertThat(rows).as("percentile rows on %s", DAY).hasSize(want.size());
        for (Row r : rows) {
            var w = want.get(r.<Integer>getAs("city_id"));
            String where = "city " + r.getAs("city_id");
            assertThat(r.<Long>getAs("deliveries")).as(where + ": deliveries").isEqualTo(w.deliveries());
            assertThat(r.<Double>getAs("p50_minutes")).as(where + ": p50 minutes from order to delivery")
                    .isCloseTo(w.p50(), within(1e-6));
            assertThat(r.<Double>getAs("p90_minutes")).as(where + ": p90").isCloseTo(w.p90(), within(1e-6));
            assertThat(r.<Double>getAs("p99_minutes")).as(where + ": p99").isCloseTo(w.p99(), within(1e-6));
        }
        assertBuiltByADistributedPlan(CurationJob.PERCENTILES, CuratedTables::deliveryPercentiles);
    }

    /**
     * Right values are not enough: a curated table must be computed by Spark, where the data is, not collected to
     * the driver and aggregated in Java (that works on a sample day and dies on a cluster's data). The table's plan
     * must read the input files at every leaf (a driver-side result comes back as a LocalTableScan or an RDD scan)
     * and aggregate in the plan.
     */
    private static void assertBuiltByADistributedPlan(String table, Function<Dataset<Row>, Dataset<Row>> build) {
        Dataset<Row> orders = OrdersReader.between(spark, input.orders(), DateRange.of(DAY, DAY));
        Dataset<Row> restaurants = spark.read().parquet(input.restaurants());
        Dataset<Row> enriched = OrderEnrichment.enrich(orders, restaurants, JobTuning.tuned(2).join());
        Dataset<Row> built = build.apply(enriched);
        List<SparkPlan> nodes = PlanInspector.nodes(built);
        List<String> leaves = nodes.stream().filter(n -> n.children().isEmpty())
                .map(n -> n.getClass().getSimpleName()).distinct().toList();
        assertThat(leaves).as("leaves of %s's plan: every leaf must read the input files (FileSourceScanExec); a "
                + "LocalTableScanExec or an RDD scan means rows were collected to the driver and the table was made "
                + "in Java (hint: keep it in the Dataset API: groupBy/agg, window functions)%n%s", table,
                PlanInspector.describe(built)).isNotEmpty().containsOnly("FileSourceScanExec");
        assertThat(nodes.stream().anyMatch(n -> n instanceof BaseAggregateExec))
                .as("%s's plan aggregates in Spark (a HashAggregate/ObjectHashAggregate/SortAggregate node)%n%s",
                        table, PlanInspector.describe(built)).isTrue();
    }

    @Test
    @Checklist(id = "E15", points = 3)
    @DisplayName("re-running one day overwrites only that date partition: other dates untouched, no duplicates")
    void rerunOfOneDayIsIdempotent() throws IOException {
        Map<String, Long> otherDatesBefore = filesOutside(DAY);
        List<Row> dayBefore = day(CurationJob.RANKINGS);

        CurationResult again = CurationJob.run(spark.newSession(), input, out.toString(), DateRange.of(DAY, DAY),
                JobTuning.tuned(2));

        assertThat(again).as("row counts of the three tables after re-running %s (hint: overwrite only the"
                + " partitions written, not the table; never append)", DAY).isEqualTo(firstRun);
        assertThat(filesOutside(DAY)).as("files (name → last modified) of every other date").isEqualTo(otherDatesBefore);
        assertThat(day(CurationJob.RANKINGS)).as("rankings of %s after the re-run", DAY).isEqualTo(dayBefore);
    }

    private static Map<String, Long> filesOutside(String day) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("order_date=" + day))
                    .filter(p -> p.toString().contains("order_date="))
                    .forEach(p -> files.put(out.relativize(p).toString(), p.toFile().lastModified()));
        }
        return files;
    }
}
