package dev.dataeng.p02;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.testkit.H2;
import dev.dataeng.p02.bronze.BronzeLoader;
import dev.dataeng.p02.checks.Check;
import dev.dataeng.p02.checks.CheckSql;
import dev.dataeng.p02.checks.CheckType;
import dev.dataeng.p02.checks.Severity;
import dev.dataeng.p02.pipeline.SqlNames;
import dev.dataeng.p02.pipeline.Warehouse;
import dev.dataeng.p02.silver.ColumnContract;
import dev.dataeng.p02.silver.Deduplicator;
import dev.dataeng.p02.silver.SilverType;
import dev.dataeng.p02.silver.TableContract;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: contract and check columns named like SQL keywords ({@code order}, {@code year}, {@code value}) are
 * names, not syntax, in every statement built from them (bronze landing, deduplication, row-level checks).
 */
class KeywordColumnsTest {
    @TempDir
    Path dir;

    static final TableContract SHIPMENTS = new TableContract("shipments",
            List.of(ColumnContract.of("id", SilverType.INTEGER), ColumnContract.of("order", SilverType.INTEGER),
                    ColumnContract.of("year", SilverType.INTEGER), ColumnContract.of("value", SilverType.INTEGER)),
            List.of("order"), Optional.of("year"));

    @Test
    @DisplayName("not graded: columns named order, year, value land in bronze, deduplicate by key order and version year, and are checked")
    void keywordColumnsAreNames() throws Exception {
        Warehouse warehouse = new Warehouse(H2.fileUrl(dir, "warehouse"));
        Files.writeString(dir.resolve("shipments.csv"), "id,order,year,value\n1,10,2024,5\n2,10,2025,6\n3,11,2025,7\n");
        try (Connection c = warehouse.connect()) {
            warehouse.ensureSchemas(c);
            new BronzeLoader(line -> { }).land(c, dir, List.of(SHIPMENTS));
            assertThat(Warehouse.scalar(c, "SELECT COUNT(*) FROM bronze.shipments WHERE \"ORDER\" = '10'"))
                    .as("bronze rows of order 10").isEqualTo(2);

            Warehouse.exec(c, "CREATE TABLE stage.shipments_typed (_source_file VARCHAR(500), _record_no BIGINT, "
                    + "_key VARCHAR(200), _row_hash VARCHAR(64), _raw VARCHAR(8000), id INT, \"ORDER\" INT, "
                    + "\"YEAR\" INT, \"VALUE\" INT)");
            Warehouse.exec(c, "INSERT INTO stage.shipments_typed SELECT _source_file, _record_no, \"ORDER\", "
                    + "CAST(id AS VARCHAR), '', id, \"ORDER\", \"YEAR\", \"VALUE\" FROM bronze.shipments");
            List<String> columns = List.of("_source_file", "_record_no", "_key", "_row_hash", "_raw", "id", "order",
                    "year", "value");
            for (String sql : Deduplicator.statements(SHIPMENTS, columns, SqlNames.of(c))) {
                Warehouse.exec(c, sql);
            }
            assertThat(Warehouse.rows(c, "SELECT id FROM stage.shipments ORDER BY id")).as("one row per order, the "
                    + "latest year winning").extracting(r -> ((Number) r.get("id")).intValue()).containsExactly(2, 3);
            assertThat(Warehouse.scalar(c, "SELECT COUNT(*) FROM dq.duplicates WHERE table_name = 'shipments'"))
                    .as("the superseded version of order 10").isEqualTo(1);

            SqlNames names = SqlNames.of(c);
            assertThat(failing(c, check(CheckType.UNIQUE, "order", null, null), names)).as("unique order").isZero();
            assertThat(failing(c, check(CheckType.NOT_NULL, "value", null, null), names)).as("not_null value")
                    .isZero();
            assertThat(failing(c, check(CheckType.RANGE, "year", BigDecimal.valueOf(2025), null), names))
                    .as("year >= 2025").isZero();
            assertThat(failing(c, check(CheckType.RANGE, "value", BigDecimal.valueOf(7), null), names))
                    .as("rows with value < 7").isEqualTo(1);
            assertThat(failing(c, check(CheckType.RELATIONSHIPS, "order", null, null), names))
                    .as("orders without a parent row (the table itself)").isZero();
        }
    }

    private static Check check(CheckType type, String column, BigDecimal min, BigDecimal max) {
        boolean parent = type == CheckType.RELATIONSHIPS;
        return new Check(type.name().toLowerCase() + "_" + column, "stage.shipments", type, column, List.of(),
                List.of(), min, max, null, parent ? "stage.shipments" : null, parent ? column : null, null, null, null,
                Severity.ERROR, false, 0, null);
    }

    private static long failing(Connection c, Check check, SqlNames names) throws Exception {
        return Warehouse.scalar(c, CheckSql.countFailingRows(check, check.table(), names));
    }
}
