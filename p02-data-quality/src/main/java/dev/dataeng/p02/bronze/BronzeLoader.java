package dev.dataeng.p02.bronze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.p02.generate.RawFiles;
import dev.dataeng.p02.pipeline.PipelineException;
import dev.dataeng.p02.pipeline.SqlNames;
import dev.dataeng.p02.pipeline.Warehouse;
import dev.dataeng.p02.silver.TableContract;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Lands raw CSV files in {@code bronze.<table>} exactly as they are: every column as text, plus where each record
 * came from ({@code _source_file}, {@code _record_no}, 1-based, header not counted). Nothing is parsed, trimmed or
 * dropped here: bronze is the evidence every later layer is checked against. Landing the same file again replaces
 * its records, so a re-run changes nothing.
 */
public final class BronzeLoader {
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    private static final int BATCH = 1_000;

    private final Consumer<String> progress;

    public BronzeLoader(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Lands {@code <table>.csv} of every contract from {@code dir}; returns the rows landed per table. */
    public void land(Connection c, Path dir, List<TableContract> tables) throws SQLException {
        if (!Files.isDirectory(dir)) {
            throw new PipelineException("input directory " + dir + " does not exist (run `generate` first)");
        }
        for (TableContract table : tables) {
            Path file = dir.resolve(table.name() + ".csv");
            if (!Files.isRegularFile(file)) {
                throw new PipelineException("missing input file " + file);
            }
            long started = System.nanoTime();
            long rows = landFile(c, table, file, sourceName(file));
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.accept(String.format("bronze.%-12s %,8d rows  %5.2f s  (%,.0f rows/s)", table.name(), rows,
                    seconds, rows / Math.max(seconds, 1e-3)));
        }
        recordBatch(c, dir);
    }

    /** The name a file's records are known by in bronze: its folder and file name. */
    public static String sourceName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.getParent() == null ? abs.getFileName().toString()
                : abs.getParent().getFileName() + "/" + abs.getFileName();
    }

    private long landFile(Connection c, TableContract table, Path file, String source) throws SQLException {
        List<String> columns = table.columnNames();
        SqlNames names = SqlNames.of(c);
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS bronze." + table.name()
                + " (_source_file VARCHAR(500) NOT NULL, _record_no BIGINT NOT NULL");
        columns.forEach(col -> ddl.append(", ").append(names.quote(col)).append(" VARCHAR(4000)"));
        ddl.append(", PRIMARY KEY (_source_file, _record_no))");
        Warehouse.exec(c, ddl.toString());
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSV.parse(reader)) {
            if (!parser.getHeaderNames().equals(columns)) {
                throw new PipelineException(file.getFileName() + ": header " + parser.getHeaderNames()
                        + " does not match the expected columns " + columns);
            }
            Warehouse.update(c, "DELETE FROM bronze." + table.name() + " WHERE _source_file = ?", source);
            String insert = "INSERT INTO bronze." + table.name() + " (_source_file, _record_no, "
                    + names.list(columns) + ") VALUES (?, ?" + ", ?".repeat(columns.size()) + ")";
            long count;
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                count = insertRecords(ps, parser.iterator(), source, columns.size(), file);
            }
            c.commit();
            return count;
        } catch (IOException | java.io.UncheckedIOException e) {
            c.rollback();
            throw new PipelineException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Inserts each CSV record with its source and 1-based record number; returns how many were inserted. */
    static long insertRecords(PreparedStatement ps, Iterator<CSVRecord> records, String source, int width,
            Path file) throws SQLException {
        // BEGIN SOLUTION step 2: bind source, 1-based record number and every field as text; batch the inserts; a record with the wrong field count stops the load
        long recordNo = 0;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            recordNo++;
            if (record.size() != width) {
                throw new PipelineException(file.getFileName() + " record " + recordNo + ": " + record.size()
                        + " fields, the header has " + width);
            }
            ps.setString(1, source);
            ps.setLong(2, recordNo);
            for (int i = 0; i < width; i++) {
                ps.setString(i + 3, record.get(i));
            }
            ps.addBatch();
            if (recordNo % BATCH == 0) {
                ps.executeBatch();
            }
        }
        ps.executeBatch();
        return recordNo;
        // END SOLUTION
    }

    private static void recordBatch(Connection c, Path dir) throws SQLException {
        Warehouse.exec(c, "CREATE TABLE IF NOT EXISTS bronze.batches (source_dir VARCHAR(500) PRIMARY KEY, "
                + "exported_at TIMESTAMP)");
        Path batchFile = dir.resolve(RawFiles.BATCH_FILE);
        java.time.LocalDateTime exportedAt = null;
        if (Files.isRegularFile(batchFile)) {
            try {
                JsonNode batch = new ObjectMapper().readTree(batchFile.toFile());
                Instant at = Instant.parse(batch.path("exported_at").asText());
                exportedAt = java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
            } catch (IOException | java.time.format.DateTimeParseException e) {
                throw new PipelineException(batchFile + " is unreadable: " + e.getMessage(), e);
            }
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        Warehouse.update(c, "DELETE FROM bronze.batches WHERE source_dir = ?", name);
        Warehouse.update(c, "INSERT INTO bronze.batches (source_dir, exported_at) VALUES (?, ?)", name, exportedAt);
    }
}
