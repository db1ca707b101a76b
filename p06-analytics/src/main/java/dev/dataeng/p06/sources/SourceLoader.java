package dev.dataeng.p06.sources;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.fooddelivery.OrderBundle;
import dev.dataeng.common.fooddelivery.RawExport;
import dev.dataeng.common.fooddelivery.RawTable;
import dev.dataeng.common.fooddelivery.RawTables;
import dev.dataeng.p06.compile.Sql;
import dev.dataeng.p06.compile.SqlNames;
import dev.dataeng.p06.project.ProjectError;
import dev.dataeng.p06.run.Warehouse;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Plays the part of the EL in ELT (dbt starts where loading ends): exports the food-delivery platform's raw tables
 * as CSV with {@link RawExport} (dirt on demand) and loads each file as it is, every column text, into the source
 * schema. Orders, items and deliveries cover the first {@code daysLoaded} days only, so that loading more days later
 * brings new rows for an incremental model. Each load replaces the raw tables: running it twice changes nothing.
 */
public final class SourceLoader {
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private final Warehouse warehouse;
    private final String schema;

    public SourceLoader(Warehouse warehouse, String schema) {
        this.warehouse = warehouse;
        this.schema = Sql.identifier(schema, "source schema");
    }

    /** Exports into {@code exportDir} and loads every raw table; returns what each export wrote (with its dirt). */
    public List<ExportReport> load(GeneratorConfig config, int daysLoaded, Map<String, Dirt> dirtByTable,
            Path exportDir) {
        if (daysLoaded < 1 || daysLoaded > config.days()) {
            throw new ProjectError("--days-loaded must be between 1 and " + config.days() + ", was " + daysLoaded);
        }
        FoodDeliveryGenerator generator = new FoodDeliveryGenerator(config);
        LocalDate lastDay = config.startDate().plusDays(daysLoaded - 1L);
        List<ExportReport> reports = new ArrayList<>();
        for (RawTable<?> table : RawTables.ALL) {
            RawExport export = new RawExport(generator, dirtByTable.getOrDefault(table.name(), Dirt.NONE));
            Path file = exportDir.resolve(table.name() + ".csv");
            ExportReport report = switch (table.name()) {
                case "cities" -> export.write(RawTables.CITIES, generator.cities().stream(), RawExport.Format.CSV, file);
                case "restaurants" -> export.write(RawTables.RESTAURANTS, generator.restaurants(), RawExport.Format.CSV,
                        file);
                case "customers" -> export.write(RawTables.CUSTOMERS, generator.customersSnapshot(lastDay),
                        RawExport.Format.CSV, file);
                case "orders" -> export.write(RawTables.ORDERS, bundles(generator, daysLoaded).map(OrderBundle::order),
                        RawExport.Format.CSV, file);
                case "order_items" -> export.write(RawTables.ORDER_ITEMS,
                        bundles(generator, daysLoaded).flatMap(b -> b.items().stream()), RawExport.Format.CSV, file);
                case "deliveries" -> export.write(RawTables.DELIVERIES,
                        bundles(generator, daysLoaded).flatMap(b -> b.delivery().stream()), RawExport.Format.CSV, file);
                default -> throw new IllegalStateException("unknown raw table " + table.name());
            };
            long loaded = loadCsv(table, file);
            if (loaded != report.records()) {
                throw new ProjectError(table.name() + ": exported " + report.records() + " records, loaded " + loaded);
            }
            reports.add(report);
        }
        RawExport.writeManifest(reports, exportDir.resolve("manifest.json"));
        return reports;
    }

    private static Stream<OrderBundle> bundles(FoodDeliveryGenerator generator, int days) {
        LocalDate start = generator.config().startDate();
        return IntStream.range(0, days).boxed().flatMap(d -> generator.ordersOn(start.plusDays(d)));
    }

    /** Replaces {@code schema.table} with the file's records, every column as text, an empty field as NULL. */
    private long loadCsv(RawTable<?> table, Path file) {
        String relation = schema + "." + table.name();
        List<String> columns = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSV.parse(reader)) {
            warehouse.createSchema(schema);
            SqlNames names = warehouse.names();
            relation = names.relation(schema, table.name());
            table.header().forEach(c -> columns.add(names.quote(c)));
            // Create once, then replace the rows in one transaction: views built on the raw table keep working,
            // and a reader sees the old rows or the new ones.
            warehouse.execute("create table if not exists " + relation + " ("
                    + columns.stream().map(c -> c + " varchar").collect(Collectors.joining(", ")) + ")");
            String insert = "insert into " + relation + " (" + String.join(", ", columns) + ") values ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            long rows = 0;
            boolean autoCommit = warehouse.connection().getAutoCommit();
            warehouse.connection().setAutoCommit(false);
            try (PreparedStatement ps = warehouse.connection().prepareStatement(insert)) {
                warehouse.execute("delete from " + relation);
                for (CSVRecord record : parser) {
                    for (int i = 0; i < columns.size(); i++) {
                        String value = i < record.size() ? record.get(i) : "";
                        ps.setString(i + 1, value.isEmpty() ? null : value);
                    }
                    ps.addBatch();
                    if (++rows % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
                warehouse.connection().commit();
            } catch (SQLException e) {
                warehouse.connection().rollback();
                throw e;
            } finally {
                warehouse.connection().setAutoCommit(autoCommit);
            }
            return rows;
        } catch (IOException | SQLException e) {
            throw new ProjectError("cannot load " + file + " into " + relation + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
