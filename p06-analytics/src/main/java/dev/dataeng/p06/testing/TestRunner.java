package dev.dataeng.p06.testing;

import dev.dataeng.p06.run.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** Runs a test's failing-rows query: counts the rows and keeps a sample of them to show. */
public final class TestRunner {
    public static final int SAMPLE = 5;

    private final Warehouse warehouse;
    private final Path targetDir;

    public TestRunner(Warehouse warehouse, Path targetDir) {
        this.warehouse = warehouse;
        this.targetDir = targetDir;
    }

    public TestResult run(DataTest test, String projectName) {
        write(test, projectName);
        // BEGIN SOLUTION step 8: count the rows of test.sql() (warehouse.count); PASS if none, else FAIL with the count and warehouse.rows(sql, SAMPLE)
        try {
            long failures = warehouse.count(test.sql());
            if (failures == 0) {
                return new TestResult(test.name(), test.model(), TestResult.Status.PASS, 0, List.of(), "");
            }
            return new TestResult(test.name(), test.model(), TestResult.Status.FAIL, failures,
                    warehouse.rows(test.sql(), SAMPLE), "");
        } catch (SQLException e) {
            return new TestResult(test.name(), test.model(), TestResult.Status.ERROR, 0, List.of(),
                    e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
        }
        // END SOLUTION
    }

    /** {@code target/compiled/<project>/tests/<name>.sql}, so a failing test's query can be run by hand. */
    private void write(DataTest test, String projectName) {
        Path file = targetDir.resolve("compiled").resolve(projectName).resolve("tests").resolve(test.name() + ".sql");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, test.sql() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
