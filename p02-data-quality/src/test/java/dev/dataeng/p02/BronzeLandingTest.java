package dev.dataeng.p02;

import dev.dataeng.common.grading.GradingSeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p02.pipeline.Layer;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BronzeLandingTest {

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("bronze keeps every raw record as text, untouched, with its source file and record number")
    void bronzeKeepsEveryRawRecordWithLineage() throws Exception {
        Fixture f = Fixture.create(dir, GeneratorConfig.of(GradingSeed.of(7), 0.05), Dirt.all(0.2));
        f.run(Layer.BRONZE);
        for (ExportReport report : f.reports()) {
            String table = report.table();
            List<Map<String, Object>> bronze = f.rows("SELECT * FROM bronze." + table + " ORDER BY _record_no");
            assertThat(bronze).as("bronze.%s should hold every record of %s (the report says %d)", table,
                    report.file().getFileName(), report.records()).hasSize((int) report.records());
            List<CSVRecord> records = new ArrayList<>();
            try (Reader in = Files.newBufferedReader(report.file());
                    CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(in)) {
                parser.forEach(records::add);
            }
            for (int i = 0; i < records.size(); i++) {
                Map<String, Object> row = bronze.get(i);
                assertThat(((Number) row.get("_RECORD_NO")).longValue()).as("record numbers of bronze.%s are 1..n "
                        + "in file order", table).isEqualTo(i + 1L);
                assertThat((String) row.get("_SOURCE_FILE")).as("bronze.%s record %d names its file", table, i + 1)
                        .endsWith(table + ".csv");
                for (String column : records.get(i).getParser().getHeaderNames()) {
                    assertThat(row.get(column.toUpperCase())).as("bronze.%s record %d column %s must be the raw text "
                            + "of the file, not trimmed, parsed or fixed", table, i + 1, column)
                            .isEqualTo(records.get(i).get(column));
                }
            }
        }
    }
}
