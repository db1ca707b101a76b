package dev.dataeng.p06.run;

import dev.dataeng.p06.compile.Compiler;
import dev.dataeng.p06.compile.Manifest;
import dev.dataeng.p06.compile.ParsedModel;
import dev.dataeng.p06.run.Warehouse.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Builds one model: decides whether this is an incremental run, compiles the model for it, writes the compiled SQL
 * under {@code target/compiled/}, and hands it to the {@link Materializer} its config names.
 */
public final class ModelRunner {
    private final Compiler compiler;
    private final Warehouse warehouse;
    private final Materializer materializer;
    private final Path targetDir;

    public ModelRunner(Compiler compiler, Warehouse warehouse, Path targetDir) {
        this.compiler = compiler;
        this.warehouse = warehouse;
        this.materializer = new Materializer(warehouse);
        this.targetDir = targetDir;
    }

    public RunResult run(Manifest manifest, String model, boolean fullRefresh) {
        ParsedModel parsed = manifest.model(model);
        String relation = manifest.relation(model);
        String materialized = parsed.config().materialized();
        long start = System.nanoTime();
        try {
            warehouse.createSchema(manifest.targetSchema());
            boolean incrementalRun = parsed.config().isIncremental() && !fullRefresh
                    && warehouse.kind(relation).orElse(null) == Kind.TABLE;
            String sql = compiler.compile(manifest, model, incrementalRun);
            writeCompiled(manifest, parsed, sql);
            long rows = switch (materialized) {
                case "view" -> materializer.view(relation, sql);
                case "table" -> materializer.table(relation, sql);
                default -> incrementalRun
                        ? materializer.incremental(relation, sql, parsed.config().uniqueKey())
                        : materializer.table(relation, sql);
            };
            if (!materialized.equals("view") && !incrementalRun) {
                materializer.createIndexes(relation, parsed.config().indexes());
            }
            return new RunResult(model, materialized, RunResult.Status.SUCCESS, rows, "", millis(start));
        } catch (SQLException e) {
            return new RunResult(model, materialized, RunResult.Status.ERROR, 0,
                    Warehouse.firstLine(e.getMessage()), millis(start));
        }
    }

    /** The SQL {@code compile} shows: {@code target/compiled/<project>/models/<folders>/<model>.sql}. */
    public static Path compiledPath(Path targetDir, Manifest manifest, ParsedModel model) {
        Path dir = targetDir.resolve("compiled").resolve(manifest.project().name()).resolve("models");
        for (String folder : model.file().folders()) {
            dir = dir.resolve(folder);
        }
        return dir.resolve(model.name() + ".sql");
    }

    public void writeCompiled(Manifest manifest, ParsedModel model, String sql) {
        Path file = compiledPath(targetDir, manifest, model);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
