package dev.dataeng.p09.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * The JDBC plumbing the chapter's sinks share: one connection to any JDBC URL (an H2 file or server by default), the
 * table created if missing, auto-commit off so that the caller decides what one transaction holds. What a sink
 * writes and when it commits (the part that makes it idempotent) stays in the sink.
 */
public final class JdbcTable implements AutoCloseable {

    /** Sets one row's parameters on a prepared statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private final Connection connection;

    /** Connects to {@code jdbcUrl} (user {@code sa}) and runs {@code createTable} (a CREATE TABLE IF NOT EXISTS). */
    public JdbcTable(String jdbcUrl, String createTable) {
        try {
            connection = DriverManager.getConnection(jdbcUrl, "sa", "");
            try (Statement s = connection.createStatement()) {
                s.execute(createTable);
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} once per row as one JDBC batch, in the current transaction (not committed here). */
    public <T> void batch(String sql, Collection<T> rows, Binder<? super T> binder) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Commits what the batches since the last commit wrote. */
    public void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
