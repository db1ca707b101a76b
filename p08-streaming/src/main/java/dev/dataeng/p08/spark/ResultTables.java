package dev.dataeng.p08.spark;

import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
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
 * The result tables (one per query, keyed by campaign and window, or by click) and the idempotent upsert into them:
 * a window row that Spark emits again (update mode, a replay) overwrites itself, so a table never holds a window
 * twice. H2's {@code MERGE … KEY}; on PostgreSQL the same is {@code INSERT … ON CONFLICT … DO UPDATE}.
 */
public final class ResultTables {
    private ResultTables() {
    }

    public static String table(Query query) {
        return switch (query) {
            case TUMBLING -> "minute_spend";
            case SLIDING -> "hourly_ctr";
            case JOIN -> "click_verdicts";
        };
    }

    public static void create(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS minute_spend (campaign_id VARCHAR(32) NOT NULL, "
                    + "window_start BIGINT NOT NULL, impressions BIGINT NOT NULL, clicks BIGINT NOT NULL, "
                    + "spend_micros BIGINT NOT NULL, PRIMARY KEY (campaign_id, window_start))");
            st.execute("CREATE TABLE IF NOT EXISTS hourly_ctr (campaign_id VARCHAR(32) NOT NULL, "
                    + "window_start BIGINT NOT NULL, impressions BIGINT NOT NULL, clicks BIGINT NOT NULL, "
                    + "PRIMARY KEY (campaign_id, window_start))");
            st.execute("CREATE TABLE IF NOT EXISTS click_verdicts (click_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "impression_id VARCHAR(64) NOT NULL, campaign_id VARCHAR(32) NOT NULL, click_time BIGINT NOT NULL, "
                    + "impression_time BIGINT, matched BOOLEAN NOT NULL)");
        }
    }

    /** Upserts one partition of a micro-batch (runs on an executor: one connection, one JDBC batch). */
    static void upsert(String jdbcUrl, Query query, Iterator<Row> rows) throws SQLException {
        String sql = switch (query) {
            case TUMBLING -> "MERGE INTO minute_spend (campaign_id, window_start, impressions, clicks, spend_micros) "
                    + "KEY (campaign_id, window_start) VALUES (?, ?, ?, ?, ?)";
            case SLIDING -> "MERGE INTO hourly_ctr (campaign_id, window_start, impressions, clicks) "
                    + "KEY (campaign_id, window_start) VALUES (?, ?, ?, ?)";
            case JOIN -> "MERGE INTO click_verdicts (click_id, impression_id, campaign_id, click_time, "
                    + "impression_time, matched) KEY (click_id) VALUES (?, ?, ?, ?, ?, ?)";
        };
        JdbcUpsert.run(jdbcUrl, sql, rows);
    }

    public static List<MinuteSpend> minuteSpend(String jdbcUrl) throws SQLException {
        List<MinuteSpend> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT campaign_id, window_start, impressions, clicks, spend_micros "
                        + "FROM minute_spend")) {
            while (rs.next()) {
                out.add(new MinuteSpend(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    public static List<HourlyCtr> hourlyCtr(String jdbcUrl) throws SQLException {
        List<HourlyCtr> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT campaign_id, window_start, impressions, clicks FROM hourly_ctr")) {
            while (rs.next()) {
                out.add(new HourlyCtr(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    public static List<ClickVerdict> clickVerdicts(String jdbcUrl) throws SQLException {
        List<ClickVerdict> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT click_id, impression_id, campaign_id, click_time, "
                        + "impression_time, matched FROM click_verdicts")) {
            while (rs.next()) {
                long impressionTime = rs.getLong(5);
                if (rs.wasNull()) {
                    impressionTime = -1;
                }
                out.add(new ClickVerdict(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        impressionTime, rs.getBoolean(6)));
            }
        }
        return out;
    }
}
