package dev.dataeng.p01.ingest;

import dev.dataeng.p01.schema.DatasetSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Matches input files to schemas and ingests each file in turn. A folder is walked recursively in name order; a
 * file goes to the first schema whose {@code files} patterns match its name. Given one schema and one file, the
 * pair is ingested whatever the file is called.
 */
public final class Ingestion {

    private final Connection connection;
    private final IngestOptions options;

    public Ingestion(Connection connection, IngestOptions options) {
        this.connection = connection;
        this.options = options;
    }

    public List<FileResult> run(List<DatasetSchema> schemas, Path input, Consumer<FileResult> onFile)
            throws SQLException, IOException {
        List<FileResult> results = new ArrayList<>();
        FileIngester ingester = new FileIngester(connection, options);
        boolean single = !Files.isDirectory(input);
        Path root = single ? input.toAbsolutePath().getParent() : input.toAbsolutePath();
        for (Path file : files(input)) {
            String name = name(root, file);
            Optional<DatasetSchema> schema = schemas.stream().filter(s -> s.matches(file)).findFirst();
            if (schema.isEmpty() && single && schemas.size() == 1) {
                schema = Optional.of(schemas.get(0));
            }
            FileResult result = schema.isPresent()
                    ? ingester.ingest(schema.get(), file, name)
                    : new FileResult(name, "", FileResult.Status.NO_SCHEMA, 0, 0, 0, 0, 0, 0,
                            "no schema's file patterns match it");
            results.add(result);
            onFile.accept(result);
        }
        return results;
    }

    /** The names the files of {@code input} are logged and printed under (to size the output's columns). */
    public static List<String> fileNames(Path input) throws IOException {
        Path root = Files.isDirectory(input) ? input.toAbsolutePath() : input.toAbsolutePath().getParent();
        return files(input).stream().map(f -> name(root, f)).toList();
    }

    private static String name(Path root, Path file) {
        return root.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }

    private static List<Path> files(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
