package dev.dataeng.p04;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Not graded: PostgresSmokeTest's checks (metadata store and warehouse) on a PostgreSQL 15 that this test starts in a container by itself, when a Docker engine is
 * there (Testcontainers; without Docker the class is skipped). With {@code P04_PG_URL} set, PostgresSmokeTest runs against that
 * server instead and this class stands aside.
 */
@Testcontainers(disabledWithoutDocker = true)
@DisabledIfEnvironmentVariable(named = "P04_PG_URL", matches = ".+", disabledReason = "PostgresSmokeTest runs against P04_PG_URL")
class PostgresContainerTest extends PostgresSmokeTest {
    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15-alpine");

    @Override
    String adminUrl() {
        return POSTGRES.getJdbcUrl() + (POSTGRES.getJdbcUrl().contains("?") ? "&" : "?") + "user="
                + POSTGRES.getUsername() + "&password=" + POSTGRES.getPassword();
    }
}
