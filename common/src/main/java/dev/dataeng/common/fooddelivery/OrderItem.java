package dev.dataeng.common.fooddelivery;

import java.math.BigDecimal;

/** One line of an order. */
public record OrderItem(long orderId, int lineNo, String itemName, int quantity, BigDecimal unitPrice) {
}
