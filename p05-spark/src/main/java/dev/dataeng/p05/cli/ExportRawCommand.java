package dev.dataeng.p05.cli;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTables;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export-raw", mixinStandardHelpOptions = true,
        description = "Write a raw orders export (JSON Lines) with type and date errors, for load-raw to chew on.")
public final class ExportRawCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "2", description = "1 = 10,000 orders (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--dirt", defaultValue = "0.02", description = "Share of broken records (default: ${DEFAULT-VALUE}).")
    double dirt;

    @Option(names = "--out", defaultValue = "target/p05/raw/orders.jsonl", description = "File (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        ExportReport report = new RawExport(new FoodDeliveryGenerator(GeneratorConfig.of(seed, scale)),
                Dirt.of(dirt, DirtKind.WRONG_TYPE, DirtKind.BAD_DATE)).write(RawTables.ORDERS,
                RawExport.Format.JSON_LINES, out);
        System.out.printf("wrote %,d orders to %s: %d with text in a number column, %d with an impossible"
                + " timestamp%n", report.records(), out, report.count(DirtKind.WRONG_TYPE),
                report.count(DirtKind.BAD_DATE));
        return 0;
    }
}
