package dev.dataeng.common.fooddelivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A restaurant listed on the platform. {@code rating} is 1.0–5.0 with one decimal. */
public record Restaurant(long restaurantId, String name, int cityId, String cuisine, BigDecimal rating,
        int costForTwo, boolean vegOnly, LocalDate openedOn, Instant updatedAt) {
}
