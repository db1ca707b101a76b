package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.metrics.MetricsCalculator;
import dev.dataeng.p02.pipeline.Layer;
import dev.dataeng.p02.pipeline.RunOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E13", points = 3)
    @DisplayName("completeness, validity, uniqueness, consistency and timeliness are written per table/column with "
            + "the run id, with exact numerators and denominators")
    void qualityMetricsAreWrittenWithTheRunId() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(71), 0.2), Dirt.of(0.1, DirtKind.MISSING_REQUIRED,
                DirtKind.DUPLICATE, DirtKind.CORRECTION));
        RunOutcome run = f.run(Layer.ALL);
        ExportReport orders = f.report("orders");
        long records = orders.records();

        for (String column : List.of("customer_id", "ordered_at", "status", "payment_method", "total", "updated_at")) {
            long missing = orders.dirty().stream().filter(d -> d.kind() == DirtKind.MISSING_REQUIRED
                    && d.column().equals(column)).count();
            expect(f, run.runId(), column, "completeness", records - missing, records);
        }
        // a blanked discount is defaulted (valid); where the total contradicts the default it is inconsistent
        long invalid = orders.count(DirtKind.MISSING_REQUIRED)
                - orders.dirty().stream().filter(d -> Fixture.defaultedByRule("orders", d)).count();
        long valid = records - invalid;
        expect(f, run.runId(), "*", "validity", valid, records);
        long losers = orders.count(DirtKind.DUPLICATE) + orders.count(DirtKind.CORRECTION);
        expect(f, run.runId(), "*", "uniqueness", valid - losers, valid);

        Set<String> badCustomers = keys(f, "customers");
        Set<String> badRestaurants = keys(f, "restaurants");
        Set<String> ownInvalid = keys(f, "orders");
        List<Order> all = f.generator().orders().map(OrderBundle::order).toList();
        Set<String> contradicted = f.contradictedDefaults();
        long inconsistent = all.stream().filter(o -> !ownInvalid.contains(String.valueOf(o.orderId())))
                .filter(o -> badCustomers.contains(String.valueOf(o.customerId()))
                        || badRestaurants.contains(String.valueOf(o.restaurantId()))
                        || contradicted.contains(String.valueOf(o.orderId()))).count();
        expect(f, run.runId(), "*", "consistency", valid - losers - inconsistent, valid - losers);

        Set<String> inSilver = f.rows("SELECT order_id FROM silver.orders").stream()
                .map(r -> String.valueOf(r.get("ORDER_ID"))).collect(Collectors.toSet());
        long late = f.dirty("orders", DirtKind.CORRECTION).stream().map(DirtyRecord::key).filter(inSilver::contains)
                .count();
        expect(f, run.runId(), "*", "timeliness", inSilver.size() - late, inSilver.size());

        RunOutcome again = f.run(Layer.ALL);
        assertThat(f.scalar("SELECT COUNT(DISTINCT run_id) FROM dq.metric_results")).as("each run writes its own "
                + "metrics, under its own run id").isEqualTo(2);
        assertThat(f.scalar("SELECT COUNT(*) FROM dq.metric_results a JOIN dq.metric_results b ON a.table_name = "
                + "b.table_name AND a.column_name = b.column_name AND a.dimension = b.dimension WHERE a.run_id = "
                + run.runId() + " AND b.run_id = " + again.runId() + " AND a.metric_value <> b.metric_value"))
                .as("the same data measures the same").isZero();

        timelinessCountsARowExactlyAtTheLimitAsOnTime(f);
    }

    /**
     * "At most {@code within} after the event" includes the limit itself: arrivals 0 s, 24 h - 1 s and exactly 24 h
     * after the event are on time, 24 h + 1 s is late.
     */
    private static void timelinessCountsARowExactlyAtTheLimitAsOnTime(Fixture f) {
        try (Connection c = H2.connect(f.url()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS probe");
            s.execute("CREATE TABLE probe.arrivals (happened_at TIMESTAMP WITH TIME ZONE, "
                    + "arrived_at TIMESTAMP WITH TIME ZONE)");
            s.execute("INSERT INTO probe.arrivals VALUES "
                    + "(TIMESTAMP WITH TIME ZONE '2025-03-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2025-03-01 10:00:00+00'), "
                    + "(TIMESTAMP WITH TIME ZONE '2025-03-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2025-03-02 09:59:59+00'), "
                    + "(TIMESTAMP WITH TIME ZONE '2025-03-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2025-03-02 10:00:00+00'), "
                    + "(TIMESTAMP WITH TIME ZONE '2025-03-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2025-03-02 10:00:01+00')");
            CheckSuite suite = new CheckSuite(List.of(), List.of(new CheckSuite.Timeliness("probe.arrivals",
                    "happened_at", "arrived_at", Duration.ofHours(24))));
            MetricsCalculator.Metric timeliness = MetricsCalculator.measure(c, suite, 1_000_000L).stream()
                    .filter(m -> m.table().equals("arrivals")).findFirst().orElseThrow(() -> new AssertionError(
                            "no timeliness metric for probe.arrivals (hint: metrics.MetricsCalculator)"));
            assertThat(List.of(timeliness.numerator(), timeliness.denominator()))
                    .as("timeliness within PT24H of arrivals 0 s, 24 h - 1 s, exactly 24 h and 24 h + 1 s after the "
                            + "event, as [on time, rows]: 'at most within after' includes the limit (<=, not <) "
                            + "(hint: metrics.MetricsCalculator)")
                    .containsExactly(3L, 4L);
        } catch (SQLException e) {
            throw new IllegalStateException("timeliness probe: " + e.getMessage(), e);
        }
    }

    private static Set<String> keys(Fixture f, String table) {
        return f.dirty(table, DirtKind.MISSING_REQUIRED).stream().filter(d -> !Fixture.defaultedByRule(table, d))
                .map(DirtyRecord::key).collect(Collectors.toSet());
    }

    private static void expect(Fixture f, long runId, String column, String dimension, long numerator,
            long denominator) {
        List<Map<String, Object>> rows = f.rows("SELECT numerator, denominator, metric_value FROM dq.metric_results "
                + "WHERE run_id = " + runId + " AND table_name = 'orders' AND column_name = '" + column
                + "' AND dimension = '" + dimension + "'");
        assertThat(rows).as("dq.metric_results should have %s of orders.%s for run %d (hint: metrics."
                + "MetricsCalculator)", dimension, column, runId).hasSize(1);
        assertThat(List.of(((Number) rows.get(0).get("NUMERATOR")).longValue(),
                ((Number) rows.get(0).get("DENOMINATOR")).longValue()))
                .as("%s of orders.%s as [numerator, denominator]", dimension, column)
                .containsExactly(numerator, denominator);
    }
}
