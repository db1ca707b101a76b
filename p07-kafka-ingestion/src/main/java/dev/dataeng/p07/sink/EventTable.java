package dev.dataeng.p07.sink;

import dev.dataeng.common.ads.AdEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code ad_events} table: one row per event id, whatever how often the event was delivered. Rows are inserted
 * with a standard SQL {@code MERGE … WHEN NOT MATCHED THEN INSERT} keyed by {@code event_id} (H2 and PostgreSQL 15+),
 * so a redelivered event changes nothing and is reported as a duplicate. Each row remembers where it came from
 * (partition, offset) and which bronze file holds it.
 */
public final class EventTable {
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS ad_events (
              event_id         VARCHAR(64)  PRIMARY KEY,
              event_type       VARCHAR(16)  NOT NULL,
              campaign_id      VARCHAR(32)  NOT NULL,
              user_id          VARCHAR(32)  NOT NULL,
              impression_id    VARCHAR(64)  NOT NULL,
              event_time_ms    BIGINT       NOT NULL,
              source_partition INT          NOT NULL,
              source_offset    BIGINT       NOT NULL,
              bronze_file      VARCHAR(512) NOT NULL
            )""";

    private static final String MERGE = """
            MERGE INTO ad_events t
            USING (SELECT CAST(? AS VARCHAR(64)) AS event_id, CAST(? AS VARCHAR(16)) AS event_type,
                          CAST(? AS VARCHAR(32)) AS campaign_id, CAST(? AS VARCHAR(32)) AS user_id,
                          CAST(? AS VARCHAR(64)) AS impression_id, CAST(? AS BIGINT) AS event_time_ms,
                          CAST(? AS INT) AS source_partition, CAST(? AS BIGINT) AS source_offset,
                          CAST(? AS VARCHAR(512)) AS bronze_file) s
            ON t.event_id = s.event_id
            WHEN NOT MATCHED THEN INSERT (event_id, event_type, campaign_id, user_id, impression_id, event_time_ms,
                                          source_partition, source_offset, bronze_file)
              VALUES (s.event_id, s.event_type, s.campaign_id, s.user_id, s.impression_id, s.event_time_ms,
                      s.source_partition, s.source_offset, s.bronze_file)""";

    /** An event with where it came from and which bronze file it is to be written to. */
    public record Row(AdEvent event, int partition, long offset, String bronzeFile) {
    }

    private final String jdbcUrl;

    public EventTable(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(DDL);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create ad_events at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "sa", "");
    }

    /**
     * Inserts the rows whose event id is not in the table yet, in the caller's transaction; {@code result[i]} says
     * whether row {@code i} was new (a later row of the same batch with the same id is a duplicate too).
     */
    public boolean[] insertNew(Connection c, List<Row> rows) throws SQLException {
        boolean[] inserted = new boolean[rows.size()];
        try (PreparedStatement ps = c.prepareStatement(MERGE)) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                AdEvent e = r.event();
                ps.setString(1, e.eventId());
                ps.setString(2, e.type().name());
                ps.setString(3, e.campaignId());
                ps.setString(4, e.userId());
                ps.setString(5, e.impressionId());
                ps.setLong(6, e.eventTimeMs());
                ps.setInt(7, r.partition());
                ps.setLong(8, r.offset());
                ps.setString(9, r.bronzeFile());
                inserted[i] = ps.executeUpdate() == 1;
            }
        }
        return inserted;
    }

    /** Bronze files the table refers to (committed rows only): every other bronze file is an orphan of a crash. */
    public Set<String> referencedFiles() {
        Set<String> out = new HashSet<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT bronze_file FROM ad_events")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read bronze files from ad_events: " + e.getMessage(), e);
        }
    }
}
