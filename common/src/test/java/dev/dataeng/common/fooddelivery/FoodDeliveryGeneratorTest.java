package dev.dataeng.common.fooddelivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoodDeliveryGeneratorTest {

    private final FoodDeliveryGenerator generator = new FoodDeliveryGenerator(GeneratorConfig.of(7, 0.2));

    @Test
    void sameSeedSameBytes(@TempDir Path dir) throws Exception {
        for (RawExport.Format format : RawExport.Format.values()) {
            Path a = dir.resolve("a").resolve(format.name());
            Path b = dir.resolve("b").resolve(format.name());
            new RawExport(new FoodDeliveryGenerator(GeneratorConfig.of(7, 0.2)), Dirt.all(0.1)).writeAll(a, format);
            new RawExport(new FoodDeliveryGenerator(GeneratorConfig.of(7, 0.2)), Dirt.all(0.1)).writeAll(b, format);
            for (RawTable<?> table : RawTables.ALL) {
                String file = table.name() + "." + format.extension();
                assertThat(Files.readAllBytes(a.resolve(file))).isEqualTo(Files.readAllBytes(b.resolve(file)));
            }
        }
    }

    @Test
    void otherSeedOtherData() {
        FoodDeliveryGenerator other = new FoodDeliveryGenerator(GeneratorConfig.of(8, 0.2));
        assertThat(other.order(1)).isNotEqualTo(generator.order(1));
    }

    @Test
    void ordersAddUpAndPointAtExistingRows() {
        generator.orders().forEach(b -> {
            Order o = b.order();
            assertThat(o.total()).isEqualTo(o.itemsTotal().add(o.deliveryFee()).subtract(o.discount()));
            BigDecimal lines = b.items().stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(lines).isEqualByComparingTo(o.itemsTotal());
            assertThat(o.customerId()).isBetween(1L, generator.config().customerCount());
            assertThat(o.restaurantId()).isBetween(1L, generator.config().restaurantCount());
            b.delivery().ifPresent(d -> assertThat(d.deliveredAt()).isAfter(d.pickedUpAt()));
            assertThat(b.delivery().isPresent()).isEqualTo(!o.status().equals("CANCELLED"));
        });
        assertThat(generator.orders().count()).isEqualTo(2000);
    }

    @Test
    void ordersOnEachDayPartitionAllOrders() {
        GeneratorConfig c = generator.config();
        long sum = 0;
        for (int d = 0; d < c.days(); d++) {
            LocalDate day = c.startDate().plusDays(d);
            List<OrderBundle> orders = generator.ordersOn(day).toList();
            orders.forEach(b -> assertThat(b.order().orderedAt().toString()).startsWith(day.toString()));
            sum += orders.size();
        }
        assertThat(sum).isEqualTo(c.orderCount());
    }

    @Test
    void customersWhoMoveHaveTwoVersionsAndSnapshotsFollowThem() {
        List<Customer> history = generator.customerHistory().toList();
        Map<Long, List<Customer>> byId = history.stream().collect(Collectors.groupingBy(Customer::customerId));
        List<List<Customer>> movers = byId.values().stream().filter(v -> v.size() == 2).toList();
        assertThat(movers).isNotEmpty();
        movers.forEach(v -> assertThat(v.get(1).cityId()).isNotEqualTo(v.get(0).cityId()));
        LocalDate last = generator.config().startDate().plusDays(generator.config().days());
        assertThat(generator.customersSnapshot(last).filter(c -> byId.get(c.customerId()).size() == 2))
                .allMatch(c -> c.equals(byId.get(c.customerId()).get(1)));
    }

    @Test
    void skewSendsTheHotShareToRestaurantOne() {
        FoodDeliveryGenerator skewed = new FoodDeliveryGenerator(GeneratorConfig.of(7, 0.5).withSkew(0.3));
        long hot = skewed.orders().filter(b -> b.order().restaurantId() == 1).count();
        assertThat((double) hot / skewed.config().orderCount()).isBetween(0.27, 0.34);
    }

    @Test
    void theReportListsEveryDirtyRecord(@TempDir Path dir) throws Exception {
        ExportReport report = new RawExport(generator, Dirt.all(0.2))
                .write(RawTables.ORDERS, RawExport.Format.CSV, dir.resolve("orders.csv"));
        long base = generator.config().orderCount();
        assertThat(report.records()).isEqualTo(base + report.count(DirtKind.Effect.EXTRA_ROW));
        assertThat(report.count(DirtKind.BAD_DATE)).isPositive();
        assertThat(report.count(DirtKind.DUPLICATE)).isPositive();
        assertThat(report.dirty()).allMatch(d -> d.recordNumber() >= 1 && d.recordNumber() <= report.records());
        assertThat(Files.readString(dir.resolve("orders.csv"))).startsWith(
                String.join(",", RawTables.ORDERS.header()) + "\n");
    }
}
