package dev.dataeng.p01.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bundled schemas and data are: the module folder, found from the working directory, so the same
 * defaults work from the repository root ({@code ./mvnw … exec:java}, {@code java -jar p01-…/target/…jar}) and
 * from inside the module.
 */
public final class ModuleHome {
    public static final String MODULE = "p01-batch-ingestion";

    private ModuleHome() {
    }

    public static Path locate() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path candidate : new Path[] {cwd.resolve(MODULE), cwd}) {
            if (Files.isDirectory(candidate.resolve("schemas")) && Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        throw new UserError("cannot find the bundled schemas and data (looked for " + MODULE
                + "/schemas under " + cwd + "); run from the repository root or pass --schema, --input and "
                + "--jdbc-url");
    }

    public static Path schemas() {
        return relative(locate().resolve("schemas"));
    }

    public static Path data() {
        return relative(locate().resolve("data"));
    }

    /**
     * The default database: an H2 file under the module's target/ folder, which git ignores. WRITE_DELAY=0: a commit
     * is on disk when it returns (H2's default delays it up to 500 ms, and a crash in that window loses it).
     */
    public static String jdbcUrl() {
        return "jdbc:h2:file:" + locate().resolve("target/warehouse/p01").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    private static Path relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p) : p;
    }
}
