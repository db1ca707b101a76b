package dev.dataeng.p01.cli;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTable;
import dev.dataeng.common.fooddelivery.RawTables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: seeded food-delivery raw files, with dirt on demand, and a manifest of every dirty record. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write sample raw files of the food-delivery platform (same seed, same bytes) and "
                + "manifest.json, which lists every dirty record and its kind.")
public final class GenerateCommand implements Callable<Integer> {

    /** The bundled mix: each format appears, as in a real landing folder. */
    static final Map<String, RawExport.Format> MIXED = Map.of(
            "cities", RawExport.Format.CSV, "restaurants", RawExport.Format.CSV,
            "customers", RawExport.Format.JSON_LINES, "orders", RawExport.Format.CSV,
            "order_items", RawExport.Format.JSON_LINES, "deliveries", RawExport.Format.JSON_ARRAY);

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "0.1", description = "1.0 = 10,000 orders (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--dirty", defaultValue = "0.05", description = "share of records with one kind of dirt, "
            + "every kind in use (default: ${DEFAULT-VALUE}; 0 for clean files)")
    double dirty;

    @Option(names = "--format", defaultValue = "mixed", description = "csv, jsonl, json or mixed (default: "
            + "${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", description = "output folder (default: p01-batch-ingestion/target/generated)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter print = spec.commandLine().getOut();
        if (scale <= 0 || dirty < 0 || dirty > 1) {
            throw new UserError("--scale must be > 0 and --dirty in [0, 1]");
        }
        Path folder = out != null ? out : ModuleHome.locate().resolve("target/generated");
        RawExport export = new RawExport(new FoodDeliveryGenerator(GeneratorConfig.of(seed, scale)),
                dirty == 0 ? Dirt.NONE : Dirt.all(dirty));
        List<ExportReport> reports = new ArrayList<>();
        for (RawTable<?> table : RawTables.ALL) {
            RawExport.Format f = formatOf(table.name());
            reports.add(export.write(table, f, folder.resolve(table.name() + "." + f.extension())));
        }
        RawExport.writeManifest(reports, folder.resolve("manifest.json"));
        for (ExportReport r : reports) {
            print.printf("%-40s %,8d records, %,5d dirty %s%n", r.file(), r.records(), r.dirty().size(),
                    r.counts());
        }
        print.println("manifest: " + folder.resolve("manifest.json"));
        return 0;
    }

    private RawExport.Format formatOf(String table) {
        return switch (format) {
            case "csv" -> RawExport.Format.CSV;
            case "jsonl" -> RawExport.Format.JSON_LINES;
            case "json" -> RawExport.Format.JSON_ARRAY;
            case "mixed" -> MIXED.get(table);
            default -> throw new UserError("--format must be csv, jsonl, json or mixed, was '" + format + "'");
        };
    }
}
