package dev.dataeng.p06.run;

import dev.dataeng.p06.compile.SqlNames;
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
    private SqlNames names;

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

    /** How this database wants names quoted (read once from the driver's metadata). */
    public SqlNames names() throws SQLException {
        if (names == null) {
            names = SqlNames.of(connection.getMetaData());
        }
        return names;
    }

    /** {@code name} quoted for this database: {@code "YEAR"} on H2, {@code "year"} on PostgreSQL. */
    public String quote(String name) throws SQLException {
        return names().quote(name);
    }

    public void createSchema(String schema) throws SQLException {
        execute("create schema if not exists " + quote(schema));
    }

    /** Whether a relation ({@code "SCHEMA"."NAME"} or {@code schema.name}) exists, and as what. */
    public Optional<Kind> kind(String relation) throws SQLException {
        String[] parts = names().parts(relation);
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(null, literal(meta, parts[0]), literal(meta, parts[1]), null)) {
            while (rs.next()) {
                if (parts[1].equals(rs.getString("TABLE_NAME"))) {
                    return Optional.of(rs.getString("TABLE_TYPE").toUpperCase(Locale.ROOT).contains("VIEW")
                            ? Kind.VIEW : Kind.TABLE);
                }
            }
            return Optional.empty();
        }
    }

    /** The columns of a relation as name (lower case) to type name, in table order; empty if it does not exist. */
    public Map<String, String> columns(String relation) throws SQLException {
        String[] parts = names().parts(relation);
        Map<String, String> out = new LinkedHashMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getColumns(null, literal(meta, parts[0]), literal(meta, parts[1]), null)) {
            while (rs.next()) {
                if (parts[1].equals(rs.getString("TABLE_NAME"))) {
                    out.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getString("TYPE_NAME"));
                }
            }
        }
        return out;
    }

    /**
     * {@code name} as a metadata search pattern that matches only itself: in {@code getTables}/{@code getColumns}
     * patterns {@code _} is any one character and {@code %} any run, so {@code fct_orders} would also find
     * {@code fctXorders}. Escaped with the driver's escape string (the result is still filtered by exact name, for a
     * driver that has none).
     */
    static String literal(DatabaseMetaData meta, String name) throws SQLException {
        String escape = meta.getSearchStringEscape();
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
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
