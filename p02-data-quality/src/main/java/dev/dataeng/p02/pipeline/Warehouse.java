package dev.dataeng.p02.pipeline;

import dev.dataeng.common.db.DbCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database the layers live in, reached by a JDBC URL (an H2 file by default; PostgreSQL works too): schemas
 * {@code bronze}, {@code stage}, {@code audit} (silver candidates, before they are published), {@code silver},
 * {@code gold} and {@code dq} (quality results).
 */
public final class Warehouse {
    public static final String DEFAULT_URL = "jdbc:h2:file:./target/p02/warehouse";

    private final String url;
    private final String user;
    private final String password;

    /** Credentials from the environment (the path's convention: {@code DbCredentials}). */
    public Warehouse(String url) {
        this(url, null, null);
    }

    /** {@code user}/{@code password} as given by {@code --db-user}/{@code --db-password}, null when absent. */
    public Warehouse(String url, String user, String password) {
        DbCredentials credentials = DbCredentials.resolve(url, user, password);
        this.url = url;
        this.user = credentials.user();
        this.password = credentials.password();
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Creates the schemas and the quality-results tables if they are not there. */
    public void ensureSchemas(Connection c) throws SQLException {
        for (String schema : List.of("bronze", "stage", "audit", "silver", "gold", "dq")) {
            exec(c, "CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        exec(c, "CREATE TABLE IF NOT EXISTS dq.runs (run_id BIGINT PRIMARY KEY, command VARCHAR(200), "
                + "started_at TIMESTAMP, as_of TIMESTAMP, status VARCHAR(20), message VARCHAR(1000))");
        exec(c, "CREATE TABLE IF NOT EXISTS dq.quarantine (table_name VARCHAR(100), source_file VARCHAR(500), "
                + "record_no BIGINT, business_key VARCHAR(200), reason VARCHAR(50), rule VARCHAR(200), "
                + "column_name VARCHAR(100), detail VARCHAR(1000), raw_record VARCHAR(4000))");
        exec(c, "CREATE INDEX IF NOT EXISTS dq_quarantine_record ON dq.quarantine (table_name, source_file, "
                + "record_no)");
        exec(c, "CREATE INDEX IF NOT EXISTS dq_quarantine_key ON dq.quarantine (table_name, business_key)");
        exec(c, "CREATE TABLE IF NOT EXISTS dq.defaulted (table_name VARCHAR(100), source_file VARCHAR(500), "
                + "record_no BIGINT, business_key VARCHAR(200), column_name VARCHAR(100), rule VARCHAR(200))");
        exec(c, "CREATE TABLE IF NOT EXISTS dq.duplicates (table_name VARCHAR(100), source_file VARCHAR(500), "
                + "record_no BIGINT, business_key VARCHAR(200), kind VARCHAR(30), winner_source_file VARCHAR(500), "
                + "winner_record_no BIGINT)");
        exec(c, "CREATE TABLE IF NOT EXISTS dq.accounting (run_id BIGINT, table_name VARCHAR(100), "
                + "bronze_rows BIGINT, silver_rows BIGINT, quarantined BIGINT, exact_duplicates BIGINT, "
                + "superseded BIGINT, PRIMARY KEY (run_id, table_name))");
        exec(c, "CREATE TABLE IF NOT EXISTS dq.check_results (run_id BIGINT, check_name VARCHAR(200), "
                + "layer VARCHAR(20), table_name VARCHAR(100), check_type VARCHAR(40), severity VARCHAR(10), "
                + "status VARCHAR(10), observed VARCHAR(200), failing_rows BIGINT, quarantined BIGINT, "
                + "message VARCHAR(1000), PRIMARY KEY (run_id, check_name))");
        exec(c, "CREATE TABLE IF NOT EXISTS dq.metric_results (run_id BIGINT, layer VARCHAR(20), "
                + "table_name VARCHAR(100), column_name VARCHAR(100), dimension VARCHAR(20), numerator BIGINT, "
                + "denominator BIGINT, metric_value DECIMAL(7,4), PRIMARY KEY (run_id, table_name, column_name, "
                + "dimension))");
    }

    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public static void inTransaction(Connection c, SqlWork work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    public static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " [in: " + abbreviate(sql) + "]", e.getSQLState(), e);
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " [in: " + abbreviate(sql) + "]", e.getSQLState(), e);
        }
    }

    public static long scalar(Connection c, String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(c, sql, params);
        Object v = rows.isEmpty() ? null : rows.get(0).values().iterator().next();
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " [in: " + abbreviate(sql) + "]", e.getSQLState(), e);
        }
    }

    public static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (schema.equalsIgnoreCase(rs.getString("TABLE_SCHEM"))
                        && table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
