package dev.dataeng.p03;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Not graded: PostgresPortabilityTest's check (the same answers as on H2) on a PostgreSQL 15 that this test starts in a container by itself, when a Docker engine is
 * there (Testcontainers; without Docker the class is skipped). With {@code P03_PG_URL} set, PostgresPortabilityTest runs against that
 * server instead and this class stands aside.
 */
@Testcontainers(disabledWithoutDocker = true)
@DisabledIfEnvironmentVariable(named = "P03_PG_URL", matches = ".+", disabledReason = "PostgresPortabilityTest runs against P03_PG_URL")
class PostgresContainerTest {
    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15-alpine");

    @TempDir
    Path dir;

    @Test
    @DisplayName("PostgreSQL in a container: build, re-load and every query give the same answers as on H2")
    void postgresGivesTheSameAnswersAsH2() throws Exception {
        PostgresPortabilityTest.check(dir, POSTGRES.getJdbcUrl() + (POSTGRES.getJdbcUrl().contains("?") ? "&" : "?")
                + "user=" + POSTGRES.getUsername() + "&password=" + POSTGRES.getPassword());
    }
}
