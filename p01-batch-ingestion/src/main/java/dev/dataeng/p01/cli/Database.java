package dev.dataeng.p01.cli;

import dev.dataeng.common.db.DbCredentials;
import dev.dataeng.p01.ingest.Errors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The JDBC options every command shares; any JDBC URL whose driver is on the classpath works. */
public final class Database {

    @Option(names = "--jdbc-url", description = "JDBC URL of the target database "
            + "(default: an H2 file under p01-batch-ingestion/target/warehouse)")
    String jdbcUrl;

    @Option(names = {"--db-user", "--user"}, description = "database user (default: $DATAENG_DB_USER, else sa for H2)")
    String user;

    @Option(names = {"--db-password", "--password"}, arity = "0..1", interactive = true,
            description = "database password; without a value it is asked for, without echo "
                    + "(default: $DATAENG_DB_PASSWORD, else empty)")
    String password;

    public String url() {
        return jdbcUrl != null ? jdbcUrl : ModuleHome.jdbcUrl();
    }

    public Connection connect() {
        String url = url();
        try {
            DbCredentials credentials = DbCredentials.resolve(url, user, password);
            Properties properties = new Properties();
            properties.setProperty("user", credentials.user());
            properties.setProperty("password", credentials.password());
            if (url.startsWith("jdbc:h2:")) {
                // No .trace.db file: H2 would print a stack trace to stdout when it cannot write one.
                properties.setProperty("TRACE_LEVEL_FILE", "0");
            }
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new UserError("cannot connect to " + DbCredentials.redact(url) + ": "
                    + DbCredentials.redact(Errors.describe(e)));
        }
    }
}
