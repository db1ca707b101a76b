package dev.dataeng.p06.project;

import java.nio.file.Path;

/** A SQL file under {@code tests/}: a query that returns the rows breaking a rule (none means it passes). */
public record SingularTestFile(String name, Path path, String rawSql) {
}
