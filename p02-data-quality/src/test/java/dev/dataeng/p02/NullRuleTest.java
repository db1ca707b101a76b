package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.grading.Checklist;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Null rules: a blanked {@code orders.discount} is loaded as 0.00 ({@code default 0.00}), counted, never silent. */
class NullRuleTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E18", points = 2)
    @DisplayName("a missing orders.discount is loaded as 0.00 by its declared default, each default is recorded and "
            + "counted in the report, and a default the total contradicts is quarantined")
    void missingDiscountIsDefaultedAndCounted() throws Exception {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(111), 0.1), Dirt.of(0.3, DirtKind.MISSING_REQUIRED));
        CliRun run = CliRun.of("run", "--layer", "all", "--input", f.input().toString(), "--db", f.url());
        assertThat(run.exitCode()).as("the run passes (stderr: %s)", run.err()).isZero();

        Set<String> blanked = f.report("orders").dirty().stream().filter(d -> Fixture.defaultedByRule("orders", d))
                .map(DirtyRecord::key).collect(Collectors.toSet());
        Set<String> contradicted = f.contradictedDefaults();
        Set<String> badCustomers = f.report("customers").dirty().stream().map(DirtyRecord::key)
                .collect(Collectors.toSet());
        Set<String> badRestaurants = f.report("restaurants").dirty().stream().map(DirtyRecord::key)
                .collect(Collectors.toSet());
        Set<String> orphaned = f.generator().orders().map(OrderBundle::order)
                .filter(o -> badCustomers.contains(String.valueOf(o.customerId()))
                        || badRestaurants.contains(String.valueOf(o.restaurantId())))
                .map(o -> String.valueOf(o.orderId())).collect(Collectors.toSet());
        Set<String> loaded = new HashSet<>(blanked);
        loaded.removeAll(contradicted);
        loaded.removeAll(orphaned);
        assertThat(loaded).as("the fixture should blank discounts of orders that had none (and valid parents)")
                .hasSizeGreaterThan(4);
        assertThat(contradicted).as("... and of orders that had one").hasSizeGreaterThan(2);

        Map<String, BigDecimal> silverDiscount = f.rows("SELECT order_id, discount FROM silver.orders").stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("ORDER_ID")), r -> (BigDecimal) r.get("DISCOUNT")));
        for (String key : loaded) {
            assertThat(silverDiscount.get(key)).as("order %s had its discount blanked and no discount in its total: "
                    + "silver must hold it with discount 0.00 (on_null: default 0.00; hint: silver.ValueConformer "
                    + "and the column's NullRule)", key).isNotNull().isEqualByComparingTo("0.00");
        }
        assertThat(f.scalar("SELECT COUNT(*) FROM dq.quarantine WHERE table_name = 'orders' AND column_name = "
                + "'discount' AND reason = 'missing_required'")).as("a blanked discount is defaulted, not quarantined "
                + "as missing_required").isZero();
        Set<String> caught = f.rows("SELECT business_key FROM dq.quarantine WHERE table_name = 'orders' AND rule = "
                + "'orders_total_adds_up_per_row'").stream().map(r -> (String) r.get("BUSINESS_KEY"))
                .collect(Collectors.toSet());
        assertThat(caught).as("orders whose total contradicts the default 0.00 are quarantined by the row-level "
                + "check orders_total_adds_up_per_row").containsExactlyInAnyOrderElementsOf(contradicted);

        Set<String> recorded = f.rows("SELECT business_key FROM dq.defaulted WHERE table_name = 'orders' AND "
                + "column_name = 'discount' AND rule = 'default 0.00'").stream()
                .map(r -> (String) r.get("BUSINESS_KEY")).collect(Collectors.toSet());
        assertThat(recorded).as("dq.defaulted lists exactly the silver orders whose discount was defaulted (not the "
                + "quarantined ones; hint: silver.SilverBuilder, ValueConformer.defaulted)")
                .containsExactlyInAnyOrderElementsOf(loaded);
        assertThat(f.scalar("SELECT COUNT(*) FROM dq.defaulted")).as("no other column has a default")
                .isEqualTo(loaded.size());

        Path file = dir.resolve("report.md");
        assertThat(CliRun.of("report", "--db", f.url(), "--out", file.toString()).exitCode()).isZero();
        String row = String.format("| orders | discount | `default 0.00` | %,d defaulted |", loaded.size());
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("the report counts the defaults per column: %s",
                row).contains(row);
        assertThat(f.scalar("SELECT COUNT(*) FROM dq.accounting WHERE table_name = 'orders' AND bronze_rows = "
                + "silver_rows + quarantined + exact_duplicates + superseded AND silver_rows = (SELECT COUNT(*) FROM "
                + "silver.orders)")).as("defaulted orders are silver rows: the accounting still reconciles")
                .isEqualTo(1);
    }
}
