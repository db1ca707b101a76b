package dev.dataeng.p01;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Not graded: PostgresTest's check (the bundled ingestion and its re-run) on a PostgreSQL 15 that this test starts in a container by itself, when a Docker engine is
 * there (Testcontainers; without Docker the class is skipped). With {@code P01_PG_URL} set, PostgresTest runs against that
 * server instead and this class stands aside.
 */
@Testcontainers(disabledWithoutDocker = true)
@DisabledIfEnvironmentVariable(named = "P01_PG_URL", matches = ".+", disabledReason = "PostgresTest runs against P01_PG_URL")
class PostgresContainerTest {
    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15-alpine");

    @Test
    @DisplayName("PostgreSQL in a container: the bundled files load with the same counts as on H2, a re-run loads nothing")
    void bundledIngestAndRerunOnPostgres() throws Exception {
        PostgresTest.check(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
    }
}
