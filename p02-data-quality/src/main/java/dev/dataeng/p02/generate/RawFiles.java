package dev.dataeng.p02.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.RawExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the bronze input: the six raw exports of the platform as CSV files with dirt on demand, the export's
 * {@code manifest.json} (every dirty record, the ground truth), and {@code batch.json} (when the export was taken:
 * the reference time of freshness checks).
 */
public final class RawFiles {
    public static final String BATCH_FILE = "batch.json";

    private RawFiles() {
    }

    public static List<ExportReport> generate(GeneratorConfig config, Dirt dirt, Path dir) {
        FoodDeliveryGenerator generator = new FoodDeliveryGenerator(config);
        List<ExportReport> reports = new RawExport(generator, dirt).writeAll(dir, RawExport.Format.CSV);
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("exported_at", config.startDate().plusDays(config.days()).atStartOfDay(ZoneOffset.UTC)
                .toInstant().toString());
        batch.put("seed", config.seed());
        batch.put("scale", config.scale());
        batch.put("dirt_rate", dirt.rate());
        batch.put("dirt_kinds", dirt.kinds().stream().map(Enum::name).toList());
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.resolve(BATCH_FILE).toFile(), batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(BATCH_FILE), e);
        }
        return reports;
    }
}
