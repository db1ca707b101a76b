package dev.dataeng.p05.cli;

import dev.dataeng.p05.generate.InputTables;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The generated input a command reads: a local path, {@code hdfs://…} or {@code s3a://…}. */
public final class InputOptions {
    @Option(names = "--input", defaultValue = "target/p05/input", description = "Input root (default: ${DEFAULT-VALUE}).")
    String input;

    InputTables tables() {
        return new InputTables(input);
    }

    /** A one-line complaint if a local input has no orders table (a cluster path is left to Spark to check). */
    boolean missing() {
        if (!input.contains("://") && !Files.isDirectory(Path.of(input, "orders"))) {
            System.err.println("error: no orders table under " + input + " (run `generate` first)");
            return true;
        }
        return false;
    }
}
