package dev.dataeng.p02;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import dev.dataeng.p02.pipeline.Warehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Not graded: PostgresRunTest's check (the same results as on H2) on a PostgreSQL 15 that this test starts in a container by itself, when a Docker engine is
 * there (Testcontainers; without Docker the class is skipped). With {@code P02_PG_URL} set, PostgresRunTest runs against that
 * server instead and this class stands aside.
 */
@Testcontainers(disabledWithoutDocker = true)
@DisabledIfEnvironmentVariable(named = "P02_PG_URL", matches = ".+", disabledReason = "PostgresRunTest runs against P02_PG_URL")
class PostgresContainerTest {
    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15-alpine");

    @TempDir
    Path dir;

    @Test
    @DisplayName("PostgreSQL in a container: the same accounting, quarantine and gold as on H2, and a re-run changes nothing")
    void sameResultsOnPostgresAsOnH2() throws Exception {
        PostgresRunTest.check(dir, new Warehouse(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword()));
    }
}
