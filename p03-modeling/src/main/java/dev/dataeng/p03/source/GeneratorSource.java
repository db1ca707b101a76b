package dev.dataeng.p03.source;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Extracts {@link DayBatch}es from the seeded food-delivery generator (the chapter's operational system). */
public final class GeneratorSource {
    private final FoodDeliveryGenerator generator;

    public GeneratorSource(GeneratorConfig config) {
        this.generator = new FoodDeliveryGenerator(config);
    }

    public GeneratorConfig config() {
        return generator.config();
    }

    public LocalDate firstDay() {
        return generator.config().startDate();
    }

    public LocalDate lastDay() {
        return firstDay().plusDays(generator.config().days() - 1L);
    }

    /** The export at the end of {@code day}: customer snapshot of that day and that day's orders. */
    public DayBatch day(LocalDate day) {
        checkInPeriod(day);
        return new DayBatch(day, generator.cities(), generator.restaurants().toList(),
                generator.customersSnapshot(day).toList(), generator.ordersOn(day).toList());
    }

    /**
     * The export at the end of {@code day} with the customer change feed instead of the snapshot: every customer
     * version updated up to the end of that day (what a CDC stream or an audit table delivers), and the day's orders.
     */
    public DayBatch dayWithChangeFeed(LocalDate day) {
        checkInPeriod(day);
        Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new DayBatch(day, generator.cities(), generator.restaurants().toList(),
                generator.customerHistory().filter(v -> v.updatedAt().isBefore(endOfDay)).toList(),
                generator.ordersOn(day).toList());
    }

    private void checkInPeriod(LocalDate day) {
        if (day.isBefore(firstDay()) || day.isAfter(lastDay())) {
            throw new IllegalArgumentException("date " + day + " is outside the generated period " + firstDay()
                    + ".." + lastDay() + " (see --start and --days)");
        }
    }
}
