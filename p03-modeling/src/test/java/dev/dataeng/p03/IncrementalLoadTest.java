package dev.dataeng.p03;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.Order;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p03.source.DayBatch;
import dev.dataeng.p03.source.GeneratorSource;
import dev.dataeng.p03.warehouse.LoadResult;
import dev.dataeng.p03.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Day-by-day loads: a later day's changes, re-runs, and a customer export that arrives late. */
class IncrementalLoadTest {
    static final GeneratorConfig CONFIG = GeneratorConfig.of(GradingSeed.of(11), 0.3).withDays(LocalDate.of(2025, 1, 1), 30)
            .withMoveRate(0.2);
    static final LocalDate DAY_1 = LocalDate.of(2025, 1, 1);
    static final LocalDate DAY_20 = LocalDate.of(2025, 1, 20);

    final GeneratorSource source = new GeneratorSource(CONFIG);
    final FoodDeliveryGenerator generator = new FoodDeliveryGenerator(CONFIG);

    @TempDir
    Path dir;

    Warehouse fresh(String name) throws Exception {
        Warehouse w = new Warehouse(H2.fileUrl(dir, name));
        w.createSchema();
        return w;
    }

    @Test
    @Checklist(id = "E6", points = 2)
    @DisplayName("a later day's load adds its orders, versions the customers who moved since, and leaves day 1's facts")
    void laterDayAddsVersionsAndFacts() throws Exception {
        Warehouse w = fresh("incremental");
        w.loadDay(source.day(DAY_1));
        List<String> day1Facts = facts(w.jdbcUrl());
        LoadResult r = w.loadDay(source.day(DAY_20));

        Instant end1 = DAY_1.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end20 = DAY_20.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Set<Long> movedBetween = LongStream.rangeClosed(1, CONFIG.customerCount()).boxed().filter(id -> {
            List<Customer> v = generator.customerVersions(id);
            return v.size() == 2 && !v.get(1).updatedAt().isBefore(end1) && v.get(1).updatedAt().isBefore(end20);
        }).collect(Collectors.toSet());
        assertThat(movedBetween).as("customers who moved between day 1 and day 20 (the data must have some)")
                .hasSizeGreaterThan(5);
        assertThat(r.newCustomerVersions()).as("versions inserted by the day-20 load: one per customer who moved "
                + "since day 1 (hint: compare the staged city with the current version's)").isEqualTo(movedBetween.size());
        Set<Long> twoVersions = H2.rows(w.jdbcUrl(), "SELECT customer_id FROM dim_customer GROUP BY customer_id "
                + "HAVING COUNT(*) = 2").stream().map(m -> ((Number) m.get("CUSTOMER_ID")).longValue())
                .collect(Collectors.toSet());
        assertThat(twoVersions).as("customers with two versions after the day-20 load").isEqualTo(movedBetween);
        assertThat(H2.scalar(w.jdbcUrl(), "SELECT COUNT(*) FROM dim_customer WHERE is_current AND customer_key <> -1"))
                .as("current versions: exactly one per customer").isEqualTo(CONFIG.customerCount());

        long expectedOrders = source.day(DAY_1).orders().size() + source.day(DAY_20).orders().size();
        assertThat(H2.scalar(w.jdbcUrl(), "SELECT COUNT(*) FROM fact_order")).as("fact rows after day 1 + day 20")
                .isEqualTo(expectedOrders);
        List<String> day1After = facts(w.jdbcUrl()).subList(0, day1Facts.size());
        assertThat(day1After).as("day 1's fact rows after loading day 20 (an incremental load must not touch "
                + "facts of other days, nor re-point them to newer customer versions)").isEqualTo(day1Facts);
        for (OrderBundle b : source.day(DAY_20).orders()) {
            int city = (Integer) H2.rows(w.jdbcUrl(), "SELECT c.city_id FROM fact_order f JOIN dim_customer c ON "
                    + "c.customer_key = f.customer_key WHERE f.order_id = " + b.order().orderId()).get(0).get("CITY_ID");
            int expected = generator.customerAsOf(b.order().customerId(), b.order().orderedAt()).orElseThrow().cityId();
            assertThat(city).as("customer city of day-20 order %d (version valid at order time)", b.order().orderId())
                    .isEqualTo(expected);
        }

        // two moves of one customer in one day's change feed: the current version closes at the FIRST change,
        // and each new version runs until the next one, so no two versions overlap
        TwoMovesInOneBatch m = TwoMovesInOneBatch.load(dir, "two-moves");
        assertThat(m.versions()).as("dim_customer versions of customer %d, who moved to city %d at %s and to city "
                + "%d at %s in the same batch, as city [valid_from, valid_to): the old version closes at the first "
                + "change, versions never overlap (hint: MIN of the newer staged changes, then LEAD)",
                m.original().customerId(), m.first(), m.firstMove(), m.second(), m.secondMove())
                .containsExactlyElementsOf(m.expectedVersions());
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("loading the same day twice (and re-running an earlier day) leaves exactly the same rows")
    void reloadingIsIdempotent() throws Exception {
        Warehouse w = fresh("idempotent");
        w.loadDay(source.day(DAY_1));
        w.loadDay(source.day(DAY_20));
        Map<String, List<String>> once = Fingerprint.of(w.jdbcUrl());
        LoadResult again = w.loadDay(source.day(DAY_20));
        assertThat(Fingerprint.of(w.jdbcUrl())).as("every model table after loading day 20 a second time "
                + "(hint: MERGE on the natural key, and insert a customer version only when the city changed)")
                .isEqualTo(once);
        assertThat(again.newCustomerVersions()).as("customer versions inserted by the re-run").isZero();
        w.loadDay(source.day(DAY_1));
        assertThat(Fingerprint.of(w.jdbcUrl())).as("every model table after re-running the older day 1 (its snapshot "
                + "is older than the current versions: it must not reopen or add versions)").isEqualTo(once);
    }

    @Test
    @Checklist(id = "E8", points = 1)
    @DisplayName("an order whose customer is not in the dimension yet is loaded and points at the unknown member -1")
    void lateCustomerGetsUnknownMember() throws Exception {
        Warehouse w = fresh("late");
        DayBatch day1 = source.day(DAY_1);
        Set<Long> late = lateCustomers(day1);
        LoadResult r = w.loadDay(day1.withoutCustomers(c -> late.contains(c.customerId())));
        long lateOrders = day1.orders().stream().filter(b -> late.contains(b.order().customerId())).count();
        assertThat(r.ordersInFact()).as("orders of day 1 in fact_order, including those of late customers "
                + "(an inner join to dim_customer would drop them)").isEqualTo(day1.orders().size());
        String ids = late.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(H2.scalar(w.jdbcUrl(), "SELECT COUNT(*) FROM fact_order WHERE customer_key = -1"))
                .as("facts pointing at the unknown customer -1: the orders of customers %s", ids)
                .isEqualTo(lateOrders);
        assertThat(H2.scalar(w.jdbcUrl(), "SELECT COUNT(*) FROM fact_order WHERE customer_key = -1 AND customer_id "
                + "NOT IN (" + ids + ")")).as("facts on the unknown member that belong to known customers").isZero();
    }

    @Test
    @Checklist(id = "E9", points = 1)
    @DisplayName("a late customer who moved before arriving: each earlier order is re-pointed to the version valid at order time")
    void lateCustomerIsRepointedWhenItArrives() throws Exception {
        LateMover mover = lateMover();
        Warehouse w = fresh("repoint");
        List<OrderBundle> lateOrders = new ArrayList<>();
        for (LocalDate day : mover.orderDays()) {
            DayBatch batch = source.day(day);
            w.loadDay(batch.withoutCustomers(c -> c.customerId() == mover.id()));
            batch.orders().stream().filter(b -> b.order().customerId() == mover.id()).forEach(lateOrders::add);
        }
        assertThat(H2.scalar(w.jdbcUrl(), "SELECT COUNT(*) FROM fact_order WHERE customer_key = -1"))
                .as("facts on the unknown member before customer %d arrives (its orders)", mover.id())
                .isEqualTo(lateOrders.size());

        LoadResult r = w.loadDay(source.dayWithChangeFeed(mover.arrival()));
        assertThat(r.factsRepointed()).as("facts re-pointed when customer %d arrives with its change feed",
                mover.id()).isEqualTo(lateOrders.size());
        assertThat(H2.scalar(w.jdbcUrl(), "SELECT COUNT(*) FROM dim_customer WHERE customer_id = " + mover.id()))
                .as("versions of customer %d loaded from the change feed (it moved on %s: both cities must be kept, "
                        + "hint: insert every staged version, valid until the next one)", mover.id(), mover.movedAt())
                .isEqualTo(2L);
        Set<Object> keys = new java.util.HashSet<>();
        for (OrderBundle b : lateOrders) {
            Map<String, Object> row = H2.rows(w.jdbcUrl(), "SELECT f.customer_key, c.customer_id, c.city_id FROM "
                    + "fact_order f JOIN dim_customer c ON c.customer_key = f.customer_key WHERE f.order_id = "
                    + b.order().orderId()).get(0);
            assertThat(((Number) row.get("CUSTOMER_ID")).longValue()).as("customer of re-pointed order %d",
                    b.order().orderId()).isEqualTo(mover.id());
            int expected = generator.customerAsOf(mover.id(), b.order().orderedAt()).orElseThrow().cityId();
            assertThat(row.get("CITY_ID")).as("city of the version re-pointed order %d (placed %s, customer moved "
                    + "%s) points at: the version valid at order time, not the current one", b.order().orderId(),
                    b.order().orderedAt(), mover.movedAt()).isEqualTo(expected);
            keys.add(row.get("CUSTOMER_KEY"));
        }
        assertThat(keys).as("distinct versions the re-pointed orders of customer %d point at (orders before and "
                + "after its move)", mover.id()).hasSize(2);
    }

    /** A customer who moved, ordered before and after the move, and whose export arrives only the day after. */
    record LateMover(long id, Instant movedAt, List<LocalDate> orderDays, LocalDate arrival) {
    }

    /** Chosen from the generator alone: the first customer with an order before its move and one after. */
    LateMover lateMover() {
        LocalDate lastDay = source.lastDay();
        for (long id = 1; id <= CONFIG.customerCount(); id++) {
            List<Customer> versions = generator.customerVersions(id);
            if (versions.size() < 2) {
                continue;
            }
            Instant moved = versions.get(1).updatedAt();
            long customer = id;
            List<Order> orders = generator.orders().map(OrderBundle::order).filter(o -> o.customerId() == customer)
                    .toList();
            var before = orders.stream().filter(o -> o.orderedAt().isBefore(moved)).reduce((a, b) -> b);
            var after = orders.stream().filter(o -> !o.orderedAt().isBefore(moved)).findFirst();
            if (before.isPresent() && after.isPresent()) {
                LocalDate first = before.get().orderedAt().atOffset(ZoneOffset.UTC).toLocalDate();
                LocalDate second = after.get().orderedAt().atOffset(ZoneOffset.UTC).toLocalDate();
                if (second.isBefore(lastDay)) {
                    return new LateMover(id, moved, first.equals(second) ? List.of(first) : List.of(first, second),
                            second.plusDays(1));
                }
            }
        }
        throw new IllegalStateException("no customer in the generated data moved between two of its orders");
    }

    /** Three customers with orders on the day, whose export is "late". */
    static Set<Long> lateCustomers(DayBatch day) {
        return day.orders().stream().map(b -> b.order().customerId()).distinct().sorted().limit(3)
                .collect(Collectors.toSet());
    }

    static List<String> facts(String url) {
        return H2.rows(url, "SELECT * FROM fact_order ORDER BY order_id").stream().map(Object::toString).toList();
    }
}
