package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p02.pipeline.Layer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyTest {

    private static final List<String> TABLES = List.of("bronze.orders", "bronze.deliveries", "silver.cities",
            "silver.restaurants", "silver.customers", "silver.orders", "silver.order_items", "silver.deliveries",
            "gold.daily_restaurant_orders", "gold.daily_city_orders", "dq.quarantine", "dq.duplicates");

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E14", points = 2)
    @DisplayName("running the whole job twice on the same input changes nothing in bronze, silver, gold or the "
            + "quarantine")
    void rerunChangesNothing() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(81), 0.1), Dirt.all(0.08));
        f.run(Layer.ALL);
        Map<String, List<String>> first = snapshot(f);
        f.run(Layer.ALL);
        Map<String, List<String>> second = snapshot(f);
        for (String table : TABLES) {
            assertThat(first.get(table)).as("%s should not be empty after a run", table).isNotEmpty();
            assertThat(second.get(table)).as("%s after a second run on the same input: no row added, lost or "
                    + "changed (hint: replace, don't append; the dedup winner must not depend on row order)", table)
                    .isEqualTo(first.get(table));
        }
        assertThat(f.scalar("SELECT COUNT(DISTINCT run_id) FROM dq.accounting")).as("each run is recorded")
                .isEqualTo(2);
        assertThat(f.scalar("SELECT COUNT(*) FROM (SELECT table_name, bronze_rows, silver_rows, quarantined, "
                + "exact_duplicates, superseded FROM dq.accounting GROUP BY table_name, bronze_rows, silver_rows, "
                + "quarantined, exact_duplicates, superseded) x")).as("both runs account for the same numbers")
                .isEqualTo(6);
    }

    private static Map<String, List<String>> snapshot(Fixture f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, f.rows("SELECT * FROM " + table).stream().map(Object::toString).sorted().toList());
        }
        return out;
    }
}
