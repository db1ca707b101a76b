package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.grading.Checklist;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeduplicationTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E4", points = 2)
    @DisplayName("exact duplicates from a replayed export are counted as duplicates, and each key is loaded once")
    void exactDuplicatesAreCountedNotLoaded() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(21), 0.1), Dirt.of(0.1, DirtKind.DUPLICATE));
        f.runToSilver();
        for (String table : Fixture.TABLES) {
            List<String> expectedKeys = f.dirty(table, DirtKind.DUPLICATE).stream().map(DirtyRecord::key).sorted()
                    .toList();
            List<String> foundKeys = f.rows("SELECT business_key FROM dq.duplicates WHERE table_name = '" + table
                    + "' AND kind = 'exact_duplicate' ORDER BY business_key").stream()
                    .map(r -> (String) r.get("BUSINESS_KEY")).sorted().toList();
            assertThat(foundKeys).as("keys of %s counted as exact duplicates (expected: the export report's "
                    + "DUPLICATE records; hint: silver.Deduplicator)", table).isEqualTo(expectedKeys);
            assertThat(f.scalar("SELECT COUNT(*) FROM silver." + table)).as("silver.%s holds each key once",
                    table).isEqualTo(f.report(table).records() - expectedKeys.size());
        }
        assertThat(f.scalar("SELECT COUNT(*) FROM dq.quarantine")).as("a duplicate is not an error: nothing is "
                + "quarantined").isZero();
    }

    @Test
    @Checklist(id = "E5", points = 3)
    @DisplayName("a later correction of the same key wins over the earlier version, which is counted as superseded")
    void latestCorrectionWins() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(22), 0.1), Dirt.of(0.15, DirtKind.CORRECTION));
        f.runToSilver();
        FoodDeliveryGenerator g = f.generator();
        List<DirtyRecord> corrected = f.dirty("orders", DirtKind.CORRECTION);
        assertThat(corrected).as("the fixture should contain corrected orders").hasSizeGreaterThan(10);
        Map<String, Map<String, Object>> silverOrders = f.rows("SELECT order_id, status, _record_no FROM "
                + "silver.orders").stream().collect(Collectors.toMap(r -> String.valueOf(r.get("ORDER_ID")), r -> r));
        for (DirtyRecord d : corrected) {
            Order original = g.order(Long.parseLong(d.key())).order();
            Map<String, Object> row = silverOrders.get(d.key());
            assertThat(row).as("corrected order %s must be in silver", d.key()).isNotNull();
            String expectedStatus = original.status().equals("REFUNDED") ? "DELIVERED" : "REFUNDED";
            assertThat(row.get("STATUS")).as("order %s was corrected from %s to %s later: silver must hold the "
                    + "latest version", d.key(), original.status(), expectedStatus).isEqualTo(expectedStatus);
            assertThat(((Number) row.get("_RECORD_NO")).longValue()).as("order %s: the winner is the correction "
                    + "(record %d)", d.key(), d.recordNumber()).isEqualTo(d.recordNumber());
        }
        for (String table : List.of("orders", "customers", "restaurants")) {
            List<String> expected = f.dirty(table, DirtKind.CORRECTION).stream().map(DirtyRecord::key).sorted()
                    .toList();
            assertThat(f.rows("SELECT business_key FROM dq.duplicates WHERE table_name = '" + table
                    + "' AND kind = 'superseded'").stream().map(r -> (String) r.get("BUSINESS_KEY")).sorted()
                    .toList()).as("earlier versions of %s counted as superseded", table).isEqualTo(expected);
        }
        Map<String, Object> phones = f.rows("SELECT customer_id, phone FROM silver.customers").stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("CUSTOMER_ID")), r -> r.get("PHONE")));
        for (DirtyRecord d : f.dirty("customers", DirtKind.CORRECTION)) {
            Object phone = phones.get(d.key());
            assertThat(phone).as("customer %s changed phone number in a later version", d.key())
                    .isNotEqualTo(g.customerVersions(Long.parseLong(d.key())).get(0).phone());
        }
    }

    @Test
    @Checklist(id = "E6", points = 2)
    @DisplayName("two versions with the same updated_at: the record landed last wins (stated tie-break)")
    void tieOnUpdatedAtGoesToTheLastRecord() throws Exception {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(23), 0.05), Dirt.NONE);
        Path orders = f.input().resolve("orders.csv");
        List<String> lines = Files.readAllLines(orders, StandardCharsets.UTF_8);
        String seven = lines.stream().filter(l -> l.startsWith("7,")).findFirst().orElseThrow();
        String status = seven.contains(",DELIVERED,") ? "DELIVERED" : seven.contains(",CANCELLED,") ? "CANCELLED"
                : "REFUNDED";
        String other = status.equals("CANCELLED") ? "DELIVERED" : "CANCELLED";
        Files.writeString(orders, seven.replace("," + status + ",", "," + other + ",") + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        long appended = f.report("orders").records() + 1;

        f.runToSilver();
        assertThat(f.rows("SELECT status FROM silver.orders WHERE order_id = 7").get(0).get("STATUS"))
                .as("order 7 has two versions with the same updated_at; the one landed last (record %d) must win",
                        appended).isEqualTo(other);
        assertThat(f.rows("SELECT record_no, kind, winner_record_no FROM dq.duplicates WHERE table_name = 'orders'"))
                .as("the earlier version is recorded as superseded by record %d", appended)
                .singleElement().satisfies(r -> {
                    assertThat(r.get("KIND")).isEqualTo("superseded");
                    assertThat(((Number) r.get("WINNER_RECORD_NO")).longValue()).isEqualTo(appended);
                });
    }
}
