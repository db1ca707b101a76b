package dev.dataeng.p08.spark;

import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.UserSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The result tables of queries 3 and 6, keyed by user and session start, and by campaign and silence start, with
 * the same idempotent upsert as {@link ResultTables} (H2's {@code MERGE … KEY}).
 */
public final class StatefulTables {
    public static final String SESSIONS = "user_sessions";
    public static final String SILENCE = "silence_alerts";

    private StatefulTables() {
    }

    public static void create(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS user_sessions (user_id VARCHAR(64) NOT NULL, "
                    + "session_start BIGINT NOT NULL, session_end BIGINT NOT NULL, events BIGINT NOT NULL, "
                    + "clicks BIGINT NOT NULL, PRIMARY KEY (user_id, session_start))");
            st.execute("CREATE TABLE IF NOT EXISTS silence_alerts (campaign_id VARCHAR(32) NOT NULL, "
                    + "silent_since BIGINT NOT NULL, alert_at BIGINT NOT NULL, PRIMARY KEY (campaign_id, silent_since))");
        }
    }

    /** Upserts one partition of a micro-batch into {@code table}. */
    static void upsert(String jdbcUrl, String table, Iterator<Row> rows) throws SQLException {
        String sql = table.equals(SESSIONS)
                ? "MERGE INTO user_sessions (user_id, session_start, session_end, events, clicks) "
                        + "KEY (user_id, session_start) VALUES (?, ?, ?, ?, ?)"
                : "MERGE INTO silence_alerts (campaign_id, silent_since, alert_at) KEY (campaign_id, silent_since) "
                        + "VALUES (?, ?, ?)";
        JdbcUpsert.run(jdbcUrl, sql, rows);
    }

    public static List<UserSession> sessions(String jdbcUrl) throws SQLException {
        List<UserSession> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT user_id, session_start, session_end, events, clicks "
                        + "FROM user_sessions")) {
            while (rs.next()) {
                out.add(new UserSession(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    public static List<SilenceAlert> silenceAlerts(String jdbcUrl) throws SQLException {
        List<SilenceAlert> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT campaign_id, silent_since, alert_at FROM silence_alerts")) {
            while (rs.next()) {
                out.add(new SilenceAlert(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }
}
