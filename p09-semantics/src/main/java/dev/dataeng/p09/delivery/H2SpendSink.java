package dev.dataeng.p09.delivery;

import dev.dataeng.p09.jdbc.JdbcTable;
import java.sql.SQLException;
import java.util.List;

/**
 * The idempotent sink of the effectively-once mode: table {@code spend_lines}, primary key {@code event_id}. Any JDBC
 * URL (an H2 file by default; the MERGE is standard SQL, PostgreSQL 15 has it too). {@code deliveries} counts how
 * often a line arrived, so a crash test can see the redeliveries that the upsert absorbed.
 */
public final class H2SpendSink implements AutoCloseable {
    private final JdbcTable table;

    public H2SpendSink(String jdbcUrl) {
        table = new JdbcTable(jdbcUrl, "CREATE TABLE IF NOT EXISTS spend_lines (event_id VARCHAR(64) PRIMARY KEY, "
                + "campaign_id VARCHAR(32) NOT NULL, event_time BIGINT NOT NULL, cost_micros BIGINT NOT NULL, "
                + "deliveries INT NOT NULL)");
    }

    /** Writes {@code lines} in one database transaction; a line already there is overwritten, not added again. */
    public void upsert(List<SpendLine> lines) {
        try {
            merge(lines);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + lines.size() + " spend lines failed: " + e.getMessage(), e);
        }
    }

    private void merge(List<SpendLine> lines) throws SQLException {
        // BEGIN SOLUTION step 1: MERGE INTO spend_lines … ON event_id: update when matched (deliveries + 1), insert otherwise; one commit per batch
        table.batch("MERGE INTO spend_lines t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(32)), "
                        + "CAST(? AS BIGINT), CAST(? AS BIGINT))) s(event_id, campaign_id, event_time, cost_micros) "
                        + "ON t.event_id = s.event_id "
                        + "WHEN MATCHED THEN UPDATE SET campaign_id = s.campaign_id, event_time = s.event_time, "
                        + "cost_micros = s.cost_micros, deliveries = t.deliveries + 1 "
                        + "WHEN NOT MATCHED THEN INSERT (event_id, campaign_id, event_time, cost_micros, deliveries) "
                        + "VALUES (s.event_id, s.campaign_id, s.event_time, s.cost_micros, 1)", lines, (ps, l) -> {
                    ps.setString(1, l.eventId());
                    ps.setString(2, l.campaignId());
                    ps.setLong(3, l.eventTimeMs());
                    ps.setLong(4, l.costMicros());
                });
        table.commit();
        // END SOLUTION
    }

    @Override
    public void close() {
        table.close();
    }
}
