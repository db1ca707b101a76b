package dev.dataeng.p03.source;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import java.time.LocalDate;

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
        if (day.isBefore(firstDay()) || day.isAfter(lastDay())) {
            throw new IllegalArgumentException("date " + day + " is outside the generated period " + firstDay()
                    + ".." + lastDay() + " (see --start and --days)");
        }
        return new DayBatch(day, generator.cities(), generator.restaurants().toList(),
                generator.customersSnapshot(day).toList(), generator.ordersOn(day).toList());
    }
}
