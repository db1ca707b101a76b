package dev.dataeng.p03.source;

import dev.dataeng.common.fooddelivery.City;
import dev.dataeng.common.fooddelivery.Customer;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.Restaurant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/**
 * One day's extract from the operational system, as a nightly export would deliver it: the reference data
 * (cities, restaurants), the customers, and the orders placed that day. {@code customers} is either a snapshot (the
 * customer table as it stands at the end of the day: one row per customer) or a change feed (every version updated
 * up to the end of the day: two rows for a customer who moved, each with its {@code updatedAt}).
 */
public record DayBatch(LocalDate day, List<City> cities, List<Restaurant> restaurants, List<Customer> customers,
        List<OrderBundle> orders) {

    /** The same batch without some customers: what a late customer export looks like to the warehouse. */
    public DayBatch withoutCustomers(Predicate<Customer> late) {
        return new DayBatch(day, cities, restaurants, customers.stream().filter(late.negate()).toList(), orders);
    }
}
