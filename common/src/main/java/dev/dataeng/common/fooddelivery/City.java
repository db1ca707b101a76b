package dev.dataeng.common.fooddelivery;

/** A city the platform operates in. {@code weight} is its share of customers and restaurants. */
public record City(int cityId, String name, String state, int tier, int weight) {
}
