package dev.dataeng.common.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embedded H2 for tests: a fresh file database in a test's temporary folder, and small query helpers for
 * assertions. Chapters' jobs take any JDBC URL; tests hand them one of these.
 */
public final class H2 {
    private H2() {
    }

    /**
     * A file database {@code name} inside {@code dir} (use JUnit's {@code @TempDir}). {@code WRITE_DELAY=0}: a commit
     * is on disk when it returns, so a test that kills a process can trust what was committed (H2's default writes
     * commits up to 500 ms later).
     */
    public static String fileUrl(Path dir, String name) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** A named in-memory database that lives until the JVM ends. */
    public static String memoryUrl(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    public static Connection connect(String url) {
        try {
            return DriverManager.getConnection(url, "sa", "");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    /** The single number a query such as {@code SELECT COUNT(*) ...} returns. */
    public static long scalar(String url, String sql) {
        List<Map<String, Object>> rows = rows(url, sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalArgumentException("expected one row with one column from: " + sql);
        }
        Object value = rows.get(0).values().iterator().next();
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** All rows of a query, as column label (upper case, as H2 reports it) to value. */
    public static List<Map<String, Object>> rows(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
