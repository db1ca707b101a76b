package dev.dataeng.p06;

import dev.dataeng.common.grading.GradingSeed;

import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p06.run.Warehouse;
import dev.dataeng.p06.sources.SourceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Shared set-up of the checklist: the shipped project, a fresh H2 file database, seeded raw tables. */
final class Fixture {
    static final Path PROJECT = Path.of("project");
    static final GeneratorConfig CONFIG = GeneratorConfig.of(GradingSeed.of(42), 0.1).withDays(LocalDate.of(2025, 1, 1), 30);

    final Path dir;
    final String url;

    Fixture(Path dir) {
        this.dir = dir;
        this.url = H2.fileUrl(dir, "warehouse");
    }

    /** Loads the first {@code days} days of orders (and every other raw table) into {@code raw}. */
    List<ExportReport> seed(int days, Map<String, Dirt> dirt) {
        try (Warehouse warehouse = Warehouse.connect(url, "sa", "")) {
            return new SourceLoader(warehouse, "raw").load(CONFIG, days, dirt, dir.resolve("raw-export"));
        }
    }

    Analytics.Settings settings() {
        return Analytics.Settings.of(PROJECT, url).withTargetDir(dir.resolve("target"));
    }

    Analytics open() {
        return Analytics.open(settings());
    }

    Analytics open(Map<String, Object> vars) {
        return Analytics.open(settings().withVars(vars));
    }

    long count(String relation) {
        return H2.scalar(url, "select count(*) from " + relation);
    }

    boolean exists(String schema, String table) {
        return H2.scalar(url, "select count(*) from information_schema.tables where table_schema = '"
                + schema.toUpperCase() + "' and table_name = '" + table.toUpperCase() + "'") > 0;
    }

    /** How many tables and views schema {@code schema} holds. */
    long relationsIn(String schema) {
        return H2.scalar(url, "select count(*) from information_schema.tables where table_schema = '"
                + schema.toUpperCase() + "'");
    }

    /** Writes a small project (for error cases) into {@code dir/name}: file path to content. */
    static Path writeProject(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("dbt_project.yml"), "name: tiny\nversion: '1'\n");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("expected a file at " + file, e);
        }
    }
}
