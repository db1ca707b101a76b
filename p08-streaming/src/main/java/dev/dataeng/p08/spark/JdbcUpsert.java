package dev.dataeng.p08.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/** The JDBC plumbing of the Spark jobs' result tables. */
final class JdbcUpsert {
    private JdbcUpsert() {
    }

    /** Runs DDL statements (CREATE TABLE IF NOT EXISTS …) on one connection. */
    static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); java.sql.Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** One partition of a micro-batch through one upsert statement: one connection, one JDBC batch, one commit. */
    static void run(String jdbcUrl, String sql, Iterator<Row> rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            while (rows.hasNext()) {
                Row r = rows.next();
                for (int i = 0; i < r.size(); i++) {
                    ps.setObject(i + 1, r.get(i));
                }
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }
}
