package dev.dataeng.p03;

import dev.dataeng.common.grading.GradingSeed;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.testkit.H2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One warehouse built by the CLI's {@code build} command over a whole quarter, shared by the test classes that only
 * read it (built once per test JVM). The generator it came from is kept, so tests recompute every expected value
 * from the source data, never from the warehouse's tables.
 */
record BuiltWarehouse(String url, GeneratorConfig config, FoodDeliveryGenerator generator, List<OrderBundle> orders,
        LocalDate lastDay) {

    static final GeneratorConfig CONFIG = GeneratorConfig.of(GradingSeed.of(7), 0.5).withDays(LocalDate.of(2025, 1, 1), 90)
            .withMoveRate(0.10);

    private static BuiltWarehouse instance;

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    static synchronized BuiltWarehouse get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("p03-star");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                String url = H2.fileUrl(dir, "star");
                int exit = Cli.run("build", "--jdbc-url", url, "--seed", String.valueOf(CONFIG.seed()), "--scale", "0.5", "--start",
                        "2025-01-01", "--days", "90", "--move-rate", "0.10");
                if (exit != 0) {
                    throw new IllegalStateException("p03 build exited with " + exit + "; run the CLI's build to see why");
                }
                FoodDeliveryGenerator generator = new FoodDeliveryGenerator(CONFIG);
                instance = new BuiltWarehouse(url, CONFIG, generator, generator.orders().toList(),
                        CONFIG.startDate().plusDays(CONFIG.days() - 1L));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /**
     * The versions of a customer the warehouse can know: the build loads one snapshot per day (the customer as it
     * stands at the end of that day), so a version replaced before the end of the first day is never seen.
     */
    List<dev.dataeng.common.fooddelivery.Customer> visibleVersions(long customerId) {
        List<dev.dataeng.common.fooddelivery.Customer> seen = new java.util.ArrayList<>();
        for (LocalDate day = config.startDate(); !day.isAfter(lastDay); day = day.plusDays(1)) {
            generator.customerAsOf(customerId, day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                    .filter(v -> seen.isEmpty() || !seen.get(seen.size() - 1).equals(v)).ifPresent(seen::add);
        }
        return seen;
    }

    /**
     * The visible version valid at {@code at}; for an instant before every visible version, the earliest one (what
     * a snapshot-fed warehouse can best say, as the chapter's FactLoader does).
     */
    dev.dataeng.common.fooddelivery.Customer visibleAt(long customerId, java.time.Instant at) {
        List<dev.dataeng.common.fooddelivery.Customer> versions = visibleVersions(customerId);
        dev.dataeng.common.fooddelivery.Customer valid = versions.get(0);
        for (dev.dataeng.common.fooddelivery.Customer v : versions) {
            if (!v.updatedAt().isAfter(at)) {
                valid = v;
            }
        }
        return valid;
    }
}
