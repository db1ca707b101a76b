package dev.dataeng.common.fooddelivery;

import java.time.LocalDate;

/**
 * What to generate. Same config, same data, to the byte.
 *
 * @param seed      any number; the whole data set is a pure function of it
 * @param scale     1.0 gives 10,000 orders, 1,000 customers and 200 restaurants; 100 gives a million orders
 * @param startDate first day of orders
 * @param days      number of days the orders span
 * @param skew      share of all orders that go to restaurant 1 (a deliberately hot key); 0 for none
 * @param moveRate  share of customers who move city once during the period (slowly changing dimension)
 */
public record GeneratorConfig(long seed, double scale, LocalDate startDate, int days, double skew, double moveRate) {

    public GeneratorConfig {
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be > 0, was " + scale);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, was " + days);
        }
        if (skew < 0 || skew >= 1) {
            throw new IllegalArgumentException("skew must be in [0, 1), was " + skew);
        }
        if (moveRate < 0 || moveRate > 1) {
            throw new IllegalArgumentException("moveRate must be in [0, 1], was " + moveRate);
        }
    }

    /** 30 days from 2025-01-01, no skew, 5% of customers move. */
    public static GeneratorConfig of(long seed, double scale) {
        return new GeneratorConfig(seed, scale, LocalDate.of(2025, 1, 1), 30, 0.0, 0.05);
    }

    public GeneratorConfig withDays(LocalDate start, int numberOfDays) {
        return new GeneratorConfig(seed, scale, start, numberOfDays, skew, moveRate);
    }

    public GeneratorConfig withSkew(double hotShare) {
        return new GeneratorConfig(seed, scale, startDate, days, hotShare, moveRate);
    }

    public GeneratorConfig withMoveRate(double rate) {
        return new GeneratorConfig(seed, scale, startDate, days, skew, rate);
    }

    public long orderCount() {
        return Math.max(1, Math.round(10_000 * scale));
    }

    public long customerCount() {
        return Math.max(20, Math.round(1_000 * scale));
    }

    public long restaurantCount() {
        return Math.max(12, Math.round(200 * scale));
    }
}
