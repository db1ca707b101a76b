package dev.dataeng.p07.sink;

import dev.dataeng.common.ads.Campaign;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The current state of each campaign: one row per campaign, each change read from the {@code campaigns} topic
 * overwrites it. No version check on purpose: the table is only right if the changes arrive in write order, which
 * is what the topic's key must guarantee.
 */
public final class CampaignTable {
    private final String jdbcUrl;

    public CampaignTable(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS campaigns (
                      campaign_id         VARCHAR(32) PRIMARY KEY,
                      daily_budget_micros BIGINT      NOT NULL,
                      status              VARCHAR(16) NOT NULL,
                      version             INT         NOT NULL
                    )""");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create campaigns at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** Applies changes in the order given (the order they were read). */
    public void applyInOrder(Iterable<Campaign> changes) {
        String merge = """
                MERGE INTO campaigns t
                USING (SELECT CAST(? AS VARCHAR(32)) AS campaign_id, CAST(? AS BIGINT) AS daily_budget_micros,
                              CAST(? AS VARCHAR(16)) AS status, CAST(? AS INT) AS version) s
                ON t.campaign_id = s.campaign_id
                WHEN MATCHED THEN UPDATE SET daily_budget_micros = s.daily_budget_micros, status = s.status,
                                             version = s.version
                WHEN NOT MATCHED THEN INSERT VALUES (s.campaign_id, s.daily_budget_micros, s.status, s.version)""";
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
                PreparedStatement ps = c.prepareStatement(merge)) {
            c.setAutoCommit(false);
            for (Campaign change : changes) {
                ps.setString(1, change.campaignId());
                ps.setLong(2, change.dailyBudgetMicros());
                ps.setString(3, change.status().name());
                ps.setInt(4, change.version());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply campaign changes: " + e.getMessage(), e);
        }
    }
}
