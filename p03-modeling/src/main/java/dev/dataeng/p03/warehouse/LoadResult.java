package dev.dataeng.p03.warehouse;

import java.time.LocalDate;

/**
 * What loading one day did. {@code ordersStaged == ordersInFact} always holds after a successful load (nothing is
 * silently lost); {@code factsWithUnknownCustomer} counts the day's orders whose customer was not in the dimension.
 */
public record LoadResult(LocalDate day, int ordersStaged, int ordersInFact, int customersStaged,
        int newCustomerVersions, int factsWithUnknownCustomer, int factsRepointed) {
}
