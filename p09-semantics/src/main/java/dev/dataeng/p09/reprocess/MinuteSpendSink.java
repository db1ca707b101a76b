package dev.dataeng.p09.reprocess;

import dev.dataeng.p09.jdbc.JdbcTable;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Spend per campaign per minute in a table ({@code minute_spend}, key {@code (campaign_id, window_start)}): what
 * dashboards and billing read. A backfill writes whole windows again; the sink must overwrite them, not add to them.
 */
public final class MinuteSpendSink implements AutoCloseable {

    /** One window's totals. */
    public record MinuteSpend(String campaignId, long windowStartMs, long events, long spendMicros) {
    }

    private final JdbcTable table;

    public MinuteSpendSink(String jdbcUrl) {
        table = new JdbcTable(jdbcUrl, "CREATE TABLE IF NOT EXISTS minute_spend (campaign_id VARCHAR(32) NOT NULL, "
                + "window_start BIGINT NOT NULL, events BIGINT NOT NULL, spend_micros BIGINT NOT NULL, "
                + "PRIMARY KEY (campaign_id, window_start))");
    }

    /** Writes {@code windows} in one transaction; a window already in the table is replaced by the new value. */
    public void write(Collection<MinuteSpend> windows) {
        try {
            merge(windows);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + windows.size() + " windows failed: " + e.getMessage(), e);
        }
    }

    private void merge(Collection<MinuteSpend> windows) throws SQLException {
        // BEGIN SOLUTION step 9: MERGE by (campaign_id, window_start): a window written again replaces its events and spend
        table.batch("MERGE INTO minute_spend t USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS BIGINT), "
                        + "CAST(? AS BIGINT), CAST(? AS BIGINT))) s(campaign_id, window_start, events, spend_micros) "
                        + "ON t.campaign_id = s.campaign_id AND t.window_start = s.window_start "
                        + "WHEN MATCHED THEN UPDATE SET events = s.events, spend_micros = s.spend_micros "
                        + "WHEN NOT MATCHED THEN INSERT VALUES (s.campaign_id, s.window_start, s.events, "
                        + "s.spend_micros)", windows, (ps, w) -> {
                    ps.setString(1, w.campaignId());
                    ps.setLong(2, w.windowStartMs());
                    ps.setLong(3, w.events());
                    ps.setLong(4, w.spendMicros());
                });
        table.commit();
        // END SOLUTION
    }

    @Override
    public void close() {
        table.close();
    }
}
