package dev.dataeng.p05.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a command can make before starting Spark, for local paths only (a cluster path is checked by Spark). */
final class Inputs {
    private Inputs() {
    }

    static boolean missingLocalTable(String root, String table) {
        return !root.contains("://") && !Files.isDirectory(Path.of(root, table));
    }
}
