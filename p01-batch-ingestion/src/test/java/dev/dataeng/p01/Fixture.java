package dev.dataeng.p01;

import dev.dataeng.common.grading.GradingSeed;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.DirtyRecord;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTable;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p01.ingest.FileResult;
import dev.dataeng.p01.ingest.IngestOptions;
import dev.dataeng.p01.ingest.Ingestion;
import dev.dataeng.p01.schema.SchemaLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared helpers of the evaluation tests: exports with known dirt, the job on an H2 file database, queries. */
final class Fixture {
    static final long SEED = GradingSeed.of(2025);
    static final Path SCHEMAS = Path.of("schemas");

    private Fixture() {
    }

    /** A table and columns named like SQL keywords (E21, and PostgresTest on PostgreSQL). */
    static final String KEYWORD_SCHEMA = """
            schemaVersion: 1
            dataset: order
            table: order
            files: ["order*.csv"]
            uniqueKey: [key]
            columns:
              - {name: key, type: string, required: true}
              - {name: year, type: integer, required: true}
              - {name: value, type: decimal, precision: 10, scale: 2}
              - {name: order, type: integer}
              - {name: day, type: date}
              - {name: month, type: string}
              - {name: group, type: string}
            """;

    /** Rows for {@link #KEYWORD_SCHEMA}: two orders ("a", "b"). */
    static final String KEYWORD_CSV = """
            key,year,value,order,day,month,group
            a,2024,12.50,1,2024-01-31,Jan,x
            b,2025,7,2,2025-02-28,Feb,y
            """;

    static FoodDeliveryGenerator generator(double scale) {
        return new FoodDeliveryGenerator(GeneratorConfig.of(SEED, scale));
    }

    static ExportReport export(Path dir, RawTable<?> table, RawExport.Format format, Dirt dirt, double scale) {
        return new RawExport(generator(scale), dirt).write(table, format,
                dir.resolve(table.name() + "." + format.extension()));
    }

    /** Runs the job in-process with the bundled schemas (or the given ones) on a file or folder. */
    static List<FileResult> ingest(String url, Path schemas, Path input, IngestOptions options) {
        try (Connection c = H2.connect(url)) {
            return new Ingestion(c, options).run(SchemaLoader.load(schemas), input, r -> { });
        } catch (Exception e) {
            throw new IllegalStateException("ingestion threw instead of reporting: " + e, e);
        }
    }

    static FileResult ingestOne(String url, Path input) {
        List<FileResult> results = ingest(url, SCHEMAS, input, IngestOptions.defaults());
        if (results.size() != 1) {
            throw new IllegalStateException("expected one file result, got " + results);
        }
        return results.get(0);
    }

    static long count(String url, String sql) {
        return H2.scalar(url, sql);
    }

    static Set<Long> recordNumbers(ExportReport report, DirtKind... kinds) {
        Set<DirtKind> wanted = Set.of(kinds);
        return report.dirty().stream().filter(d -> wanted.contains(d.kind())).map(DirtyRecord::recordNumber)
                .collect(Collectors.toSet());
    }

    static Set<Long> quarantinedRecordNumbers(String url, String fileName, String reasonLike) {
        return H2.rows(url, "SELECT record_no FROM ingest_quarantine WHERE file_name = '" + fileName
                        + "' AND reasons LIKE '" + reasonLike + "'").stream()
                .map(r -> ((Number) r.get("RECORD_NO")).longValue()).collect(Collectors.toSet());
    }

    /** A table's rows without the lineage columns, ordered by the given columns. */
    static List<Map<String, Object>> rows(String url, String table, String orderBy) {
        List<Map<String, Object>> rows = H2.rows(url, "SELECT * FROM " + table + " ORDER BY " + orderBy);
        rows.forEach(r -> {
            r.remove("_INGESTION_ID");
            r.remove("_RECORD_NO");
        });
        return rows;
    }

    /** What the CLI printed and returned. */
    record CliRun(int exitCode, String out, String err) {
    }

    static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
