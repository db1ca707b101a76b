package dev.dataeng.p06.run;

import dev.dataeng.p06.project.ProjectError;
import dev.dataeng.common.db.DbCredentials;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The database models are built in, over one JDBC connection: H2 by default, any database with a JDBC driver and
 * {@code CREATE TABLE … AS} (PostgreSQL) otherwise. Knows which relations exist and what columns they have.
 */
public final class Warehouse implements AutoCloseable {
    /** What kind of relation a name is in the database. */
    public enum Kind { TABLE, VIEW }

    private final Connection connection;
    private final String url;

    private Warehouse(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    public static Warehouse connect(String url, String user, String password) {
        try {
            DbCredentials credentials = DbCredentials.resolve(url, user, password);
            return new Warehouse(DriverManager.getConnection(url, credentials.user(), credentials.password()), url);
        } catch (SQLException e) {
            throw new ProjectError("cannot connect to " + DbCredentials.redact(url) + ": "
                    + DbCredentials.redact(firstLine(e.getMessage())));
        }
    }

    public String url() {
        return url;
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String query) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from (" + query + ") counted")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** At most {@code limit} rows of {@code query}, as column label (lower case) to value. */
    public List<Map<String, Object>> rows(String query, int limit) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery(query)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next() && out.size() < limit) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    public void createSchema(String schema) throws SQLException {
        execute("create schema if not exists " + schema);
    }

    /** Whether {@code schema.name} exists, and as what. */
    public Optional<Kind> kind(String relation) throws SQLException {
        String[] parts = split(relation);
        try (ResultSet rs = connection.getMetaData().getTables(null, stored(parts[0]), stored(parts[1]), null)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(rs.getString("TABLE_TYPE").toUpperCase(Locale.ROOT).contains("VIEW")
                    ? Kind.VIEW : Kind.TABLE);
        }
    }

    /** The columns of a relation as name (lower case) to type name, in table order; empty if it does not exist. */
    public Map<String, String> columns(String relation) throws SQLException {
        String[] parts = split(relation);
        Map<String, String> out = new LinkedHashMap<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, stored(parts[0]), stored(parts[1]), null)) {
            while (rs.next()) {
                out.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getString("TYPE_NAME"));
            }
        }
        return out;
    }

    /** How the database stores an unquoted identifier (H2: upper case, PostgreSQL: lower case). */
    private String stored(String identifier) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        if (meta.storesUpperCaseIdentifiers()) {
            return identifier.toUpperCase(Locale.ROOT);
        }
        if (meta.storesLowerCaseIdentifiers()) {
            return identifier.toLowerCase(Locale.ROOT);
        }
        return identifier;
    }

    static String[] split(String relation) {
        int dot = relation.indexOf('.');
        return new String[] {relation.substring(0, dot), relation.substring(dot + 1)};
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to do with a connection that will not close
        }
    }
}
