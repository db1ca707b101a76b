package dev.dataeng.common.fooddelivery;

import java.math.BigDecimal;
import java.time.Instant;

/** The delivery of a DELIVERED order by a rider. */
public record Delivery(long orderId, long riderId, Instant pickedUpAt, Instant deliveredAt, BigDecimal distanceKm) {
}
