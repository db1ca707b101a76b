package dev.dataeng.p01;

import static dev.dataeng.common.fooddelivery.DirtKind.ALT_DATE_FORMAT;
import static dev.dataeng.common.fooddelivery.DirtKind.BAD_DATE;
import static dev.dataeng.common.fooddelivery.DirtKind.BOOLEAN_WORD;
import static dev.dataeng.common.fooddelivery.DirtKind.DECIMAL_COMMA;
import static dev.dataeng.common.fooddelivery.DirtKind.LOWERCASE_CODE;
import static dev.dataeng.common.fooddelivery.DirtKind.MISSING_REQUIRED;
import static dev.dataeng.common.fooddelivery.DirtKind.NEGATIVE_AMOUNT;
import static dev.dataeng.common.fooddelivery.DirtKind.PADDED_WHITESPACE;
import static dev.dataeng.common.fooddelivery.DirtKind.UNKNOWN_CODE;
import static dev.dataeng.common.fooddelivery.DirtKind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTable;
import dev.dataeng.common.fooddelivery.RawTables;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

    /** The five exported tables that carry dirt, each in a format of its own. */
    private static final Map<RawTable<?>, RawExport.Format> TABLES = Map.of(
            RawTables.RESTAURANTS, RawExport.Format.CSV, RawTables.CUSTOMERS, RawExport.Format.JSON_LINES,
            RawTables.ORDERS, RawExport.Format.CSV, RawTables.ORDER_ITEMS, RawExport.Format.JSON_LINES,
            RawTables.DELIVERIES, RawExport.Format.JSON_ARRAY);
    private static final Map<RawTable<?>, String> KEYS = Map.of(RawTables.RESTAURANTS, "restaurant_id",
            RawTables.CUSTOMERS, "customer_id", RawTables.ORDERS, "order_id", RawTables.ORDER_ITEMS,
            "order_id, line_no", RawTables.DELIVERIES, "order_id");

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E4", points = 3)
    @DisplayName("cosmetic dirt (spaces, lower-case codes, other date formats, decimal commas, yes/no) is normalised "
            + "and loaded: the tables equal those of a clean export")
    void cosmeticDirtIsNormalisedAndLoaded() throws IOException {
        Dirt cosmetic = Dirt.of(0.3, PADDED_WHITESPACE, LOWERCASE_CODE, ALT_DATE_FORMAT, DECIMAL_COMMA, BOOLEAN_WORD);
        Path clean = Files.createDirectories(dir.resolve("clean"));
        Path dirty = Files.createDirectories(dir.resolve("dirty"));
        Map<DirtKind, Long> seen = new EnumMap<>(DirtKind.class);
        for (var e : TABLES.entrySet()) {
            Fixture.export(clean, e.getKey(), e.getValue(), Dirt.NONE, 0.1);
            ExportReport report = Fixture.export(dirty, e.getKey(), e.getValue(), cosmetic, 0.1);
            report.counts().forEach((k, v) -> seen.merge(k, v, Long::sum));
        }
        assertThat(seen.keySet()).as("the dirty export must use every cosmetic kind")
                .containsExactlyInAnyOrder(PADDED_WHITESPACE, LOWERCASE_CODE, ALT_DATE_FORMAT, DECIMAL_COMMA,
                        BOOLEAN_WORD);
        String cleanUrl = H2.fileUrl(dir, "clean");
        String dirtyUrl = H2.fileUrl(dir, "dirty");

        Fixture.ingest(cleanUrl, Fixture.SCHEMAS, clean, IngestOptions.defaults());
        List<FileResult> results = Fixture.ingest(dirtyUrl, Fixture.SCHEMAS, dirty, IngestOptions.defaults());

        for (FileResult r : results) {
            assertThat(r.quarantined()).as("%s: cosmetic dirt must be normalised, not quarantined; see "
                    + "ingest_quarantine.reasons", r.fileName()).isZero();
        }
        for (var e : TABLES.entrySet()) {
            String table = "raw_" + e.getKey().name();
            assertThat(Fixture.rows(dirtyUrl, table, KEYS.get(e.getKey())))
                    .as("%s loaded from the dirty file must equal %s loaded from the clean file: trim, map codes to "
                            + "their canonical spelling, accept every date format and the decimal comma, read "
                            + "yes/no/Y/N/1/0 as booleans (validate/ValueParser)", table, table)
                    .isEqualTo(Fixture.rows(cleanUrl, table, KEYS.get(e.getKey())));
        }
    }

    @Test
    @Checklist(id = "E5", points = 2)
    @DisplayName("a missing required value and text in a number column are quarantined, each with its reason")
    void missingRequiredAndWrongTypeAreQuarantined() {
        assertInvalidKind(Dirt.of(0.1, MISSING_REQUIRED, WRONG_TYPE), Map.of(MISSING_REQUIRED, "MISSING_REQUIRED%",
                WRONG_TYPE, "WRONG_TYPE%"));
    }

    @Test
    @Checklist(id = "E6", points = 2)
    @DisplayName("an impossible date or timestamp (2025-02-30, 25:61, 'yesterday') is quarantined as BAD_DATE, "
            + "while dates in another accepted format load")
    void badDatesAreQuarantined() {
        assertInvalidKind(Dirt.of(0.1, BAD_DATE, ALT_DATE_FORMAT), Map.of(BAD_DATE, "BAD_DATE%"));
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("a negative amount breaks the column's range, an unknown code its allowed values, a decimal "
            + "with more decimals than the column's scale its scale: all quarantined, none rounded; values at the "
            + "limits load")
    void rangeAndAllowedValuesAreEnforced() {
        assertInvalidKind(Dirt.of(0.1, NEGATIVE_AMOUNT, UNKNOWN_CODE, LOWERCASE_CODE),
                Map.of(NEGATIVE_AMOUNT, "OUT_OF_RANGE%", UNKNOWN_CODE, "NOT_ALLOWED%"));
        assertMoreDecimalsThanTheScaleAreQuarantined();
    }

    /**
     * Values at and just past a column's limits: a decimal with more digits after the point than the column's scale
     * is quarantined, never rounded (12.345 in a scale-2 column is not 12.35; trailing zeros are no extra digits), one
     * with more digits before the point than precision - scale too; a value equal to min or max loads, one past it
     * does not; a text exactly maxLength long loads, one character more does not.
     */
    private void assertMoreDecimalsThanTheScaleAreQuarantined() {
        try {
            Path home = Files.createDirectories(dir.resolve("scale"));
            Path schema = Files.writeString(home.resolve("tips.yaml"), """
                    schemaVersion: 1
                    dataset: tips
                    table: tips
                    files: ["tips*.csv"]
                    uniqueKey: [id]
                    columns:
                      - {name: id, type: integer, required: true}
                      - {name: amount, type: decimal, precision: 8, scale: 2, required: true, min: 0, max: 1000}
                      - {name: note, type: string, maxLength: 5}
                      - {name: tip, type: decimal, precision: 6, scale: 2}
                    """);
            Path csv = Files.writeString(home.resolve("tips.csv"), "id,amount,note,tip\n1,12.345,ok,\n2,12.340,ok,\n"
                    + "3,0.005,ok,\n4,7,ok,\n5,0,abcde,\n6,1000.00,x,\n7,1000.01,x,\n8,5,abcdef,\n9,5,x,9999.99\n"
                    + "10,5,x,10000.00\n");
            String url = H2.fileUrl(home, "wh");

            FileResult r = Fixture.ingest(url, schema, csv, IngestOptions.defaults()).get(0);

            assertThat(Fixture.quarantinedRecordNumbers(url, "tips.csv", "OUT_OF_RANGE%"))
                    .as("tips.csv (amount decimal(8,2) 0..1000, tip decimal(6,2)): records quarantined as OUT_OF_RANGE: "
                            + "12.345 and 0.005 have more decimals than the scale (quarantined, not rounded), 1000.01 is "
                            + "above the max, 10000.00 has more digits before the point than decimal(6,2) allows; 0 and "
                            + "1000.00 are the limits themselves and load (ValueParser.parseDecimal); message: %s",
                            r.message())
                    .containsExactlyInAnyOrder(1L, 3L, 7L, 10L);
            assertThat(Fixture.quarantinedRecordNumbers(url, "tips.csv", "TOO_LONG%"))
                    .as("tips.csv: records quarantined as TOO_LONG: note has maxLength 5, so 'abcde' loads and "
                            + "'abcdef' does not (ValueParser.parseString)")
                    .containsExactly(8L);
            assertThat(H2.rows(url, "SELECT id, amount FROM tips ORDER BY id").stream()
                    .map(row -> row.get("ID") + "=" + row.get("AMOUNT")).toList())
                    .as("tips: the rows loaded, with their amounts")
                    .containsExactly("2=12.34", "4=7.00", "5=0.00", "6=1000.00", "9=5.00");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Exports every dirty table with {@code dirt}, ingests them, and checks per file that exactly the records the
     * export report lists under each invalid kind are quarantined, with a reason starting as expected, and that
     * every other record is loaded.
     */
    private void assertInvalidKind(Dirt dirt, Map<DirtKind, String> reasonLike) {
        String url = H2.fileUrl(dir, "wh");
        long checked = 0;
        for (var e : TABLES.entrySet()) {
            ExportReport report = Fixture.export(dir, e.getKey(), e.getValue(), dirt, 0.1);
            FileResult r = Fixture.ingestOne(url, report.file());
            String file = report.file().getFileName().toString();
            long invalid = 0;
            for (var kind : reasonLike.entrySet()) {
                assertThat(Fixture.quarantinedRecordNumbers(url, file, kind.getValue()))
                        .as("%s: records quarantined with a reason like '%s' must be exactly the %s records of "
                                + "the export", file, kind.getValue(), kind.getKey())
                        .isEqualTo(Fixture.recordNumbers(report, kind.getKey()));
                invalid += report.count(kind.getKey());
                checked += report.count(kind.getKey());
            }
            assertThat(r.quarantined()).as("%s: quarantined (expected only the invalid records)", file)
                    .isEqualTo(invalid);
            assertThat(r.loaded()).as("%s: loaded = records - invalid ones", file)
                    .isEqualTo(report.records() - invalid);
            assertThat(Fixture.count(url, "SELECT COUNT(*) FROM raw_" + e.getKey().name()))
                    .as("%s: rows in raw_%s", file, e.getKey().name()).isEqualTo(report.records() - invalid);
        }
        assertThat(checked).as("the export must hold some records of the kinds under test").isPositive();
    }
}
