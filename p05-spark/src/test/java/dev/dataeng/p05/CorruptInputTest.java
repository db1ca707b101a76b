package dev.dataeng.p05;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTables;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p05.quality.BadInputException;
import dev.dataeng.p05.quality.LoadMode;
import dev.dataeng.p05.quality.RawLoadResult;
import dev.dataeng.p05.quality.RawOrdersLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw orders export (20k records) with 2% of them broken: text in number columns, impossible timestamps. */
class CorruptInputTest extends SparkTestSession {
    private static final String BROKEN_LINE = "{\"order_id\": 99999999, \"customer_id\": 12, \"restaurant";
    @TempDir
    static Path dir;
    private static Path file;
    private static ExportReport report;

    @BeforeAll
    static void export() throws IOException {
        FoodDeliveryGenerator generator = new FoodDeliveryGenerator(GeneratorConfig.of(GradingSeed.of(5), 2));
        file = dir.resolve("orders.jsonl");
        report = new RawExport(generator, Dirt.of(0.02, DirtKind.WRONG_TYPE, DirtKind.BAD_DATE))
                .write(RawTables.ORDERS, RawExport.Format.JSON_LINES, file);
        // and one line cut short, as a failed upload leaves it
        Files.writeString(file, BROKEN_LINE + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static long badInExport() {
        return report.count(DirtKind.WRONG_TYPE) + report.count(DirtKind.BAD_DATE) + 1;
    }

    @Test
    @Checklist(id = "E16", points = 3)
    @DisplayName("QUARANTINE mode loads the good records and keeps every bad one verbatim in a side output, counted")
    void quarantineKeepsBadRecords() throws IOException {
        RawLoadResult result = RawOrdersLoader.load(spark, file.toString(), dir.resolve("q/orders").toString(),
                dir.resolve("q/quarantine").toString(), LoadMode.QUARANTINE);

        assertThat(badInExport()).as("bad records in the export").isGreaterThan(300);
        assertThat(result.in()).as("records in the file").isEqualTo(report.records() + 1);
        assertThat(result.rejected()).as("records quarantined: every WRONG_TYPE and BAD_DATE record the export"
                + " report lists, plus the cut-short line").isEqualTo(badInExport());
        assertThat(result.loaded()).as("records loaded").isEqualTo(report.records() - badInExport() + 1);
        assertThat(result.reconciles()).as("in = loaded + rejected").isTrue();

        Set<String> quarantinedIds = new TreeSet<>();
        Pattern id = Pattern.compile("\"order_id\":\\s*(\\d+)");
        try (var files = Files.list(dir.resolve("q/quarantine"))) {
            for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    Matcher m = id.matcher(line);
                    assertThat(m.find()).as("a quarantined record keeps the raw text: %s", line).isTrue();
                    quarantinedIds.add(m.group(1));
                }
            }
        }
        Set<String> expectedIds = new TreeSet<>(report.dirty().stream().map(DirtyRecord::key).toList());
        expectedIds.add("99999999");
        assertThat(quarantinedIds).as("order_ids in the quarantine output").isEqualTo(expectedIds);
    }

    @Test
    @Checklist(id = "E17", points = 2)
    @DisplayName("FAIL mode stops with one clear line naming the file; DROP mode skips and counts the bad records")
    void failFastAndDropMalformed() {
        assertThatThrownBy(() -> RawOrdersLoader.load(spark, file.toString(), dir.resolve("f/orders").toString(),
                dir.resolve("f/quarantine").toString(), LoadMode.FAIL))
                .as("FAIL mode on a file with bad records (hint: option mode FAILFAST)")
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("FAIL")
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));

        RawLoadResult dropped = RawOrdersLoader.load(spark, file.toString(), dir.resolve("d/orders").toString(),
                dir.resolve("d/quarantine").toString(), LoadMode.DROP);
        assertThat(dropped.loaded()).as("records loaded with DROPMALFORMED")
                .isEqualTo(report.records() - badInExport() + 1);
        assertThat(dropped.rejected()).as("records dropped, counted").isEqualTo(badInExport());
        assertThat(Files.exists(dir.resolve("d/quarantine"))).as("DROP keeps no side output").isFalse();
    }
}
