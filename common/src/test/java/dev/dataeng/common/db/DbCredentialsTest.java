package dev.dataeng.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DbCredentialsTest {

    @Test
    void optionsThenEnvironmentThenDefaults() {
        Map<String, String> env = Map.of(DbCredentials.USER_ENV, "alice", DbCredentials.PASSWORD_ENV, "s3cret");
        assertThat(DbCredentials.resolve("jdbc:postgresql://h/db", "bob", "pw", env))
                .isEqualTo(new DbCredentials("bob", "pw"));
        assertThat(DbCredentials.resolve("jdbc:postgresql://h/db", null, null, env))
                .isEqualTo(new DbCredentials("alice", "s3cret"));
        assertThat(DbCredentials.resolve("jdbc:h2:file:./x", null, null, env))
                .as("an embedded H2 database ignores the environment").isEqualTo(new DbCredentials("sa", ""));
        assertThat(DbCredentials.resolve("jdbc:postgresql://h/db", null, null, Map.of()))
                .isEqualTo(new DbCredentials("", ""));
    }

    @Test
    void aPasswordIsNeverPrinted() {
        assertThat(new DbCredentials("bob", "s3cret").toString()).doesNotContain("s3cret").contains("bob");
        assertThat(DbCredentials.redact("jdbc:postgresql://h:5432/db?user=bob&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=bob&password=***&ssl=true");
        assertThat(DbCredentials.redact("cannot connect to postgresql://bob:s3cret@h/db"))
                .doesNotContain("s3cret").contains("bob");
        assertThat(DbCredentials.redact("jdbc:h2:file:./x;PASSWORD=abc;USER=sa")).doesNotContain("abc");
    }
}
