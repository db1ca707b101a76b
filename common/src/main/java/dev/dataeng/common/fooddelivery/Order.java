package dev.dataeng.common.fooddelivery;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order. {@code total = itemsTotal + deliveryFee - discount}; amounts in rupees with two decimals.
 * {@code instructions} is optional free text (it may hold commas, quotes and line breaks).
 */
public record Order(long orderId, long customerId, long restaurantId, Instant orderedAt, String status,
        String paymentMethod, BigDecimal itemsTotal, BigDecimal deliveryFee, BigDecimal discount, BigDecimal total,
        String instructions, Instant updatedAt) {

    public static final java.util.List<String> STATUSES = java.util.List.of("DELIVERED", "CANCELLED", "REFUNDED");
    public static final java.util.List<String> PAYMENT_METHODS = java.util.List.of("UPI", "CARD", "CASH", "WALLET");
}
