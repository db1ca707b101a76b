package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.grading.Checklist;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E9", points = 3)
    @DisplayName("every bronze row is in silver, quarantined or counted as a duplicate, with exact counts per table")
    void everyBronzeRowIsAccountedFor() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(41), 0.2), Dirt.all(0.08));
        f.runToSilver();
        FoodDeliveryGenerator g = f.generator();

        // Which keys must end in quarantine, computed from the export report and the clean data alone:
        // a record's own invalid or semantic dirt, or (cascading, parents first) a parent that is quarantined.
        Set<String> restaurants = ownQuarantine(f, "restaurants");
        Set<String> customers = ownQuarantine(f, "customers");
        Set<String> orders = ownQuarantine(f, "orders");
        for (OrderBundle b : g.orders().toList()) {
            Order o = b.order();
            if (customers.contains(String.valueOf(o.customerId()))
                    || restaurants.contains(String.valueOf(o.restaurantId()))) {
                orders.add(String.valueOf(o.orderId()));
            }
        }
        Set<String> items = ownQuarantine(f, "order_items");
        Set<String> deliveries = ownQuarantine(f, "deliveries");
        for (OrderBundle b : g.orders().toList()) {
            if (orders.contains(String.valueOf(b.order().orderId()))) {
                b.items().forEach(i -> items.add(i.orderId() + "|" + i.lineNo()));
                b.delivery().ifPresent(d -> deliveries.add(String.valueOf(d.orderId())));
            }
        }
        List<Object[]> expectations = List.of(new Object[] {"restaurants", restaurants, g.restaurants().count()},
                new Object[] {"customers", customers, g.customers().count()},
                new Object[] {"orders", orders, (long) g.config().orderCount()},
                new Object[] {"order_items", items, g.orders().mapToLong(b -> b.items().size()).sum()},
                new Object[] {"deliveries", deliveries, g.orders().filter(b -> b.delivery().isPresent()).count()});

        for (Object[] e : expectations) {
            String table = (String) e[0];
            @SuppressWarnings("unchecked")
            Set<String> quarantinedKeys = (Set<String>) e[1];
            long distinctKeys = (Long) e[2];
            long bronze = f.scalar("SELECT COUNT(*) FROM bronze." + table);
            long silver = f.scalar("SELECT COUNT(*) FROM silver." + table);
            long quarantined = f.scalar("SELECT COUNT(*) FROM (SELECT DISTINCT source_file, record_no FROM "
                    + "dq.quarantine WHERE table_name = '" + table + "') q");
            long duplicates = f.scalar("SELECT COUNT(*) FROM dq.duplicates WHERE table_name = '" + table
                    + "' AND kind = 'exact_duplicate'");
            long superseded = f.scalar("SELECT COUNT(*) FROM dq.duplicates WHERE table_name = '" + table
                    + "' AND kind = 'superseded'");
            assertThat(bronze).as("%s: bronze rows = records in the file", table)
                    .isEqualTo(f.report(table).records());
            assertThat(silver + quarantined + duplicates + superseded).as("%s: bronze %d = silver %d + quarantined %d "
                    + "+ duplicates %d + superseded %d", table, bronze, silver, quarantined, duplicates, superseded)
                    .isEqualTo(bronze);
            assertThat(duplicates).as("%s: exact duplicates = DUPLICATE records of the report", table)
                    .isEqualTo(f.report(table).count(DirtKind.DUPLICATE));
            assertThat(superseded).as("%s: superseded versions = CORRECTION records of the report", table)
                    .isEqualTo(f.report(table).count(DirtKind.CORRECTION));
            assertThat(quarantined).as("%s: quarantined records = own invalid/semantic dirt + children of quarantined "
                    + "parents (hint: deduplicate before the referential checks, parents before children)", table)
                    .isEqualTo(quarantinedKeys.size());
            assertThat(silver).as("%s: silver rows = distinct keys - quarantined keys", table)
                    .isEqualTo(distinctKeys - quarantinedKeys.size());
            assertThat(f.scalar("SELECT COUNT(*) FROM dq.accounting WHERE table_name = '" + table + "' AND "
                    + "bronze_rows = " + bronze + " AND silver_rows = " + silver + " AND quarantined = " + quarantined
                    + " AND exact_duplicates = " + duplicates + " AND superseded = " + superseded))
                    .as("%s: dq.accounting records the same numbers", table).isEqualTo(1);
        }
    }

    private static Set<String> ownQuarantine(Fixture f, String table) {
        // a blanked orders.discount is defaulted to 0.00 and loaded, unless the total says there was a discount
        Set<String> contradicted = f.contradictedDefaults();
        return f.report(table).dirty().stream()
                .filter(d -> d.kind().effect() == DirtKind.Effect.INVALID || d.kind().effect() == DirtKind.Effect.SEMANTIC)
                .filter(d -> !Fixture.defaultedByRule(table, d) || contradicted.contains(d.key()))
                .map(DirtyRecord::key).collect(Collectors.toCollection(HashSet::new));
    }
}
