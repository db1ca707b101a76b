package dev.dataeng.p05;

import dev.dataeng.common.grading.GradingSeed;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.p05.generate.GenerationSpec;
import dev.dataeng.p05.generate.InputGenerator;
import dev.dataeng.p05.generate.InputTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The 1M-order input (30 days, 30% of orders on restaurant 1), generated once per test JVM by the chapter's own
 * generator job and shared by every test class; deleted when the JVM exits.
 */
public final class SharedOrders {
    public static final GenerationSpec SPEC = GenerationSpec.of(GradingSeed.of(20_250_101L), 100, 0.3);
    public static final LocalDate SAMPLE_DAY = LocalDate.of(2025, 1, 17);
    private static InputTables tables;

    private SharedOrders() {
    }

    public static synchronized InputTables get(SparkSession spark) {
        if (tables == null) {
            try {
                Path dir = Files.createTempDirectory("p05-orders-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                InputTables generated = new InputTables(dir.toString());
                InputGenerator.generate(spark, SPEC, generated);
                tables = generated;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tables;
    }

    /** An independent generator, for computing expected values in plain Java. */
    public static FoodDeliveryGenerator generator() {
        return new FoodDeliveryGenerator(SPEC.config());
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
