package dev.dataeng.common.fooddelivery;

import java.util.List;
import java.util.Optional;

/** An order with its lines and, if it was delivered, its delivery: generated together so they agree. */
public record OrderBundle(Order order, List<OrderItem> items, Optional<Delivery> delivery) {
}
