package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.grading.Checklist;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semantic dirt: well-typed rows that break a rule only a quality check sees. */
class IntegrityTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E7", points = 3)
    @DisplayName("orphan foreign keys are caught by the relationships checks and quarantined as orphan_key; their "
            + "children as parent_quarantined")
    void orphanKeysAreCaughtByTheRelationshipsCheck() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(31), 0.1), Dirt.of(0.1, DirtKind.ORPHAN_KEY));
        f.runToSilver();
        Map<String, String> ruleOf = Map.of("restaurants.city_id", "restaurants_city_exists", "customers.city_id",
                "customers_city_exists", "orders.customer_id", "orders_customer_exists", "orders.restaurant_id",
                "orders_restaurant_exists");
        long orphans = 0;
        for (String table : Fixture.TABLES) {
            Set<String> expected = f.dirty(table, DirtKind.ORPHAN_KEY).stream()
                    .map(d -> d.recordNumber() + " " + ruleOf.get(table + "." + d.column()))
                    .collect(Collectors.toSet());
            orphans += expected.size();
            Set<String> found = f.rows("SELECT record_no, rule FROM dq.quarantine WHERE table_name = '" + table
                    + "' AND reason = 'orphan_key'").stream().map(r -> r.get("RECORD_NO") + " " + r.get("RULE"))
                    .collect(Collectors.toSet());
            assertThat(found).as("records of %s quarantined as orphan_key, as 'record rule' (expected from the export "
                    + "report; hint: relationships checks with quarantine: true in checks.yaml)", table)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(orphans).as("the fixture should contain orphans").isGreaterThan(20);
        assertThat(f.scalar("SELECT COUNT(*) FROM dq.quarantine q WHERE q.table_name = 'orders' AND q.reason = "
                + "'parent_quarantined' AND NOT EXISTS (SELECT 1 FROM dq.quarantine p WHERE p.table_name IN "
                + "('customers', 'restaurants') AND p.business_key = (SELECT CAST(CASE q.rule WHEN "
                + "'orders_customer_exists' THEN o.customer_id ELSE o.restaurant_id END AS VARCHAR) FROM bronze.orders o "
                + "WHERE o._record_no = q.record_no))")).as("an order marked parent_quarantined must point at a "
                + "quarantined customer or restaurant").isZero();
        assertThat(f.scalar("SELECT COUNT(*) FROM dq.quarantine WHERE table_name = 'orders' AND reason = "
                + "'parent_quarantined'")).as("orders of quarantined restaurants/customers are quarantined too")
                .isPositive();
        assertThat(f.scalar("SELECT COUNT(*) FROM silver.orders o WHERE NOT EXISTS (SELECT 1 FROM silver.customers c "
                + "WHERE c.customer_id = o.customer_id) OR NOT EXISTS (SELECT 1 FROM silver.restaurants r WHERE "
                + "r.restaurant_id = o.restaurant_id)")).as("silver.orders must not refer to a missing customer or "
                + "restaurant").isZero();
        assertThat(f.scalar("SELECT COUNT(*) FROM silver.order_items i WHERE NOT EXISTS (SELECT 1 FROM silver.orders o "
                + "WHERE o.order_id = i.order_id)")).as("silver.order_items must not refer to a missing order")
                .isZero();
    }

    @Test
    @Checklist(id = "E8", points = 2)
    @DisplayName("a delivery that ends before its pickup is caught by the consistency check and quarantined")
    void deliveryBeforePickupIsCaughtByTheConsistencyCheck() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(32), 0.1), Dirt.of(0.05, DirtKind.DELIVERY_BEFORE_PICKUP));
        f.runToSilver();
        Set<Long> expected = f.recordNumbers("deliveries", DirtKind.DELIVERY_BEFORE_PICKUP);
        assertThat(expected).as("the fixture should contain such deliveries").hasSizeGreaterThan(20);
        assertThat(f.quarantined("deliveries", "rule = 'deliveries_delivered_after_pickup'"))
                .as("deliveries quarantined by the expression check deliveries_delivered_after_pickup (expected: the "
                        + "export report's DELIVERY_BEFORE_PICKUP records)")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(f.scalar("SELECT COUNT(*) FROM silver.deliveries WHERE delivered_at < picked_up_at"))
                .as("no delivery in silver ends before its pickup").isZero();
        assertThat(f.scalar("SELECT COUNT(*) FROM silver.deliveries")).as("every other delivery is loaded")
                .isEqualTo(f.report("deliveries").records() - expected.size());
        assertThat(f.dirty("deliveries", DirtKind.DELIVERY_BEFORE_PICKUP).stream().map(DirtyRecord::column)
                .distinct().toList()).containsExactly("delivered_at");
    }
}
