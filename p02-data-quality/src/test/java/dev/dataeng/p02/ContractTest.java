package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.Restaurant;
import dev.dataeng.common.grading.Checklist;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema enforcement: cosmetic dirt is fixed and loaded, invalid records are quarantined with their reason. */
class ContractTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E2", points = 2)
    @DisplayName("cosmetic dirt (spaces, case, date formats, decimal commas, yes/no) is normalised and every row loaded")
    void cosmeticDirtIsNormalisedAndLoaded() {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(11), 0.1), Dirt.of(0.3, DirtKind.PADDED_WHITESPACE,
                DirtKind.LOWERCASE_CODE, DirtKind.ALT_DATE_FORMAT, DirtKind.DECIMAL_COMMA, DirtKind.BOOLEAN_WORD));
        f.runToSilver();
        FoodDeliveryGenerator g = f.generator();
        assertThat(f.rows("SELECT table_name, record_no, reason, detail FROM dq.quarantine"))
                .as("cosmetic dirt must never quarantine a row (hint: silver.ValueConformer normalises before it "
                        + "validates)").isEmpty();

        Map<Long, List<String>> expectedOrders = g.orders().map(OrderBundle::order).collect(Collectors.toMap(
                Order::orderId, o -> Values.norm(o.customerId(), o.restaurantId(), o.orderedAt(), o.status(),
                        o.paymentMethod(), o.itemsTotal(), o.deliveryFee(), o.discount(), o.total(), o.instructions(),
                        o.updatedAt())));
        assertThat(silver(f, "SELECT order_id, customer_id, restaurant_id, ordered_at, status, payment_method, "
                + "items_total, delivery_fee, discount, total, instructions, updated_at FROM silver.orders"))
                .as("silver.orders must equal the clean generated orders, value for value").isEqualTo(expectedOrders);

        Map<Long, List<String>> expectedRestaurants = g.restaurants().collect(Collectors.toMap(
                Restaurant::restaurantId, r -> Values.norm(r.name(), r.cityId(), r.cuisine(), r.rating(),
                        r.costForTwo(), r.vegOnly(), r.openedOn(), r.updatedAt())));
        assertThat(silver(f, "SELECT restaurant_id, name, city_id, cuisine, rating, cost_for_two, veg_only, opened_on, "
                + "updated_at FROM silver.restaurants")).as("silver.restaurants must equal the clean restaurants "
                + "(cuisine conformed to its canonical spelling, yes/no read as booleans)")
                .isEqualTo(expectedRestaurants);

        Map<Long, List<String>> expectedCustomers = g.customers().collect(Collectors.toMap(Customer::customerId,
                c -> Values.norm(c.name(), c.email(), c.phone(), c.cityId(), c.signupDate(), c.updatedAt())));
        assertThat(silver(f, "SELECT customer_id, name, email, phone, city_id, signup_date, updated_at "
                + "FROM silver.customers")).as("silver.customers must equal the clean customers")
                .isEqualTo(expectedCustomers);

        assertThat(f.scalar("SELECT COUNT(*) FROM silver.order_items")).as("every order item is loaded")
                .isEqualTo(f.report("order_items").records());
        assertThat(f.scalar("SELECT COUNT(*) FROM silver.deliveries")).as("every delivery is loaded")
                .isEqualTo(f.report("deliveries").records());
    }

    @Test
    @Checklist(id = "E3", points = 3)
    @DisplayName("each invalid record (missing value, bad date, wrong type, negative amount, unknown code) is "
            + "quarantined with its reason and column")
    void invalidRecordsAreQuarantinedWithReason() {
        // a blanked orders.discount is not invalid: its null rule is `default 0.00` (E18, NullRuleTest)
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(12), 0.1), Dirt.of(0.15, DirtKind.MISSING_REQUIRED,
                DirtKind.BAD_DATE, DirtKind.WRONG_TYPE, DirtKind.NEGATIVE_AMOUNT, DirtKind.UNKNOWN_CODE));
        f.runToSilver();
        Map<DirtKind, String> reasonOf = Map.of(DirtKind.MISSING_REQUIRED, "missing_required", DirtKind.BAD_DATE,
                "bad_date", DirtKind.WRONG_TYPE, "wrong_type", DirtKind.NEGATIVE_AMOUNT, "negative_amount",
                DirtKind.UNKNOWN_CODE, "unknown_code");
        for (String table : Fixture.TABLES) {
            Set<String> expected = f.report(table).dirty().stream().filter(d -> !Fixture.defaultedByRule(table, d))
                    .map(d -> d.recordNumber() + " " + reasonOf.get(d.kind()) + " " + d.column())
                    .collect(Collectors.toSet());
            Set<String> found = f.rows("SELECT record_no, reason, column_name FROM dq.quarantine WHERE table_name = '"
                    + table + "' AND reason IN ('missing_required', 'bad_date', 'wrong_type', 'negative_amount', "
                    + "'unknown_code')").stream()
                    .map(r -> r.get("RECORD_NO") + " " + r.get("REASON") + " " + r.get("COLUMN_NAME"))
                    .collect(Collectors.toSet());
            assertThat(found).as("quarantined records of %s as 'record reason column' (expected from the export "
                    + "report; hint: silver.ValueConformer)", table).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(f.scalar("SELECT COUNT(*) FROM silver." + table + " WHERE _record_no IN ("
                    + f.report(table).dirty().stream().filter(d -> !Fixture.defaultedByRule(table, d))
                            .map(d -> String.valueOf(d.recordNumber()))
                            .collect(Collectors.joining(",", "0,", "")) + ")"))
                    .as("no invalid record of %s may reach silver", table).isZero();
        }
    }

    private static Map<Long, List<String>> silver(Fixture f, String sql) {
        Map<Long, List<String>> out = new HashMap<>();
        for (Map<String, Object> row : f.rows(sql)) {
            List<Object> values = List.copyOf(row.values().stream().map(v -> v == null ? "null" : v).toList());
            out.put(((Number) values.get(0)).longValue(), values.subList(1, values.size()).stream()
                    .map(v -> v.equals("null") ? "null" : Values.norm(v)).toList());
        }
        return out;
    }
}
