package dev.dataeng.p06;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Not graded: PostgresTest's check (build, incremental run, docs) on a PostgreSQL 15 that this test starts in a container by itself, when a Docker engine is
 * there (Testcontainers; without Docker the class is skipped). With {@code P06_PG_URL} set, PostgresTest runs against that
 * server instead and this class stands aside.
 */
@Testcontainers(disabledWithoutDocker = true)
@DisabledIfEnvironmentVariable(named = "P06_PG_URL", matches = ".+", disabledReason = "PostgresTest runs against P06_PG_URL")
class PostgresContainerTest extends PostgresTest {
    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15-alpine");

    PostgresContainerTest() {
        url = POSTGRES.getJdbcUrl();
        user = POSTGRES.getUsername();
        password = POSTGRES.getPassword();
    }
}
