package dev.dataeng.common.fooddelivery;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a customer. A customer who moves city has two versions with the same {@code customerId}: the
 * second has the new {@code cityId} and an {@code updatedAt} at the move (the stuff of slowly changing dimensions).
 */
public record Customer(long customerId, String name, String email, String phone, int cityId, LocalDate signupDate,
        Instant updatedAt) {
}
