package dev.dataeng.p10.speed;

import dev.dataeng.p10.platform.FlinkOptions;
import dev.dataeng.p10.platform.RawEvent;
import dev.dataeng.p10.platform.Topics;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The speed layer, in Flink SQL as the Zomato ads team runs it:
 * <ol>
 *   <li>{@code ad_events}: the shared Kafka source as a table; its event time ({@code rowtime}) and watermark come
 *       from the source ({@code SOURCE_WATERMARK()}), per Kafka partition;</li>
 *   <li>{@code deduped}: first copy of each event id, with state kept for {@link FlinkOptions#dedupTtl()} only;</li>
 *   <li>{@code minute_counts}: billable impressions and clicks per campaign per 1-minute event-time window;</li>
 *   <li>{@code minute_spend}: priced at the campaign's bid (CPC: clicks × bid; CPM: impressions × bid / 1000),
 *       into the upsert topic {@code spend-realtime} (key: campaign, minute);</li>
 *   <li>the running total per campaign and day into the upsert topic {@code spend-realtime-total};</li>
 *   <li>{@code budget-alerts}: one row per campaign-day whose running total reached the campaign's daily budget
 *       (an upsert keyed by campaign and day: a replay or a restart rewrites the same alert, never a second one);</li>
 *   <li>{@code dedup-stats}: how many records reached the speed layer and how many duplicates its dedup dropped.</li>
 * </ol>
 */
public final class SpeedLayer {
    private SpeedLayer() {
    }

    public static StreamStatementSet define(StreamTableEnvironment tEnv, DataStream<RawEvent> events, FlinkOptions o) {
        tEnv.getConfig().set("table.local-time-zone", "UTC");
        tEnv.getConfig().setIdleStateRetention(o.dedupTtl());
        // Mini-batches: the dedup and the aggregates buffer up to a second (or 5,000 rows) of input and touch each
        // key's state once per batch; the single-key dedup counters are pre-aggregated per subtask first. The results
        // are the same, at most a second later; a job catching up on a backlog reads and writes state far less.
        tEnv.getConfig().set("table.exec.mini-batch.enabled", "true");
        tEnv.getConfig().set("table.exec.mini-batch.allow-latency", "1 s");
        tEnv.getConfig().set("table.exec.mini-batch.size", "5000");
        tEnv.createTemporaryView("ad_events", tEnv.fromDataStream(events, Schema.newBuilder()
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .columnByExpression("proctime", "PROCTIME()")
                .watermark("rowtime", "SOURCE_WATERMARK()")
                .build()));
        String bounded = o.bounded() ? ",\n 'scan.bounded.mode' = 'latest-offset'" : "";
        tEnv.executeSql("CREATE TEMPORARY TABLE campaigns (\n"
                + " campaign_id STRING, advertiser_id BIGINT, pricing STRING, bid_micros BIGINT,\n"
                + " daily_budget_micros BIGINT, version INT\n"
                + ") WITH ('connector' = 'kafka', 'topic' = '" + Topics.CAMPAIGNS + "',\n"
                + " 'properties.bootstrap.servers' = '" + o.bootstrapServers() + "',\n"
                + " 'properties.group.id' = '" + o.groupId() + "-campaigns',\n"
                + " 'scan.startup.mode' = 'earliest-offset', 'format' = 'json'" + bounded + ")");
        upsertTable(tEnv, o, "spend_realtime", Topics.SPEND_REALTIME, "campaign_id STRING, minute_start BIGINT,"
                + " impressions BIGINT, clicks BIGINT, spend_micros BIGINT, last_accepted_at BIGINT",
                "campaign_id, minute_start", "");
        upsertTable(tEnv, o, "spend_realtime_total", Topics.SPEND_REALTIME_TOTAL,
                "campaign_id STRING, `day` STRING, spend_micros BIGINT", "campaign_id, `day`", "");
        upsertTable(tEnv, o, "budget_alerts", Topics.BUDGET_ALERTS,
                "campaign_id STRING, `day` STRING, daily_budget_micros BIGINT", "campaign_id, `day`", "");
        // one key updated by every record: the sink folds the updates of a second into one Kafka record
        upsertTable(tEnv, o, "dedup_stats", Topics.DEDUP_STATS,
                "layer STRING, received BIGINT, kept BIGINT, duplicates_dropped BIGINT", "layer",
                ",\n 'sink.buffer-flush.max-rows' = '10000', 'sink.buffer-flush.interval' = '1s'");

        tEnv.executeSql("CREATE TEMPORARY VIEW deduped AS\n" + dedupQuery());
        tEnv.executeSql("CREATE TEMPORARY VIEW minute_counts AS\n" + minuteCountsQuery());
        // bid and pricing never change; budget updates re-send a campaign: keep one price row per campaign
        tEnv.executeSql("CREATE TEMPORARY VIEW campaign_prices AS\n"
                + "SELECT /*+ STATE_TTL('campaigns' = '3650d') */ campaign_id,\n"
                + "  LAST_VALUE(pricing) AS pricing, LAST_VALUE(bid_micros) AS bid_micros\n"
                + "FROM campaigns GROUP BY campaign_id");
        tEnv.executeSql("CREATE TEMPORARY VIEW minute_spend AS\n" + minuteSpendQuery());
        tEnv.executeSql("CREATE TEMPORARY VIEW daily_spend AS\n"
                + "SELECT /*+ STATE_TTL('minute_spend' = '2d') */ campaign_id,\n"
                + "  DATE_FORMAT(TO_TIMESTAMP_LTZ(minute_start, 3), 'yyyy-MM-dd') AS `day`,\n"
                + "  SUM(spend_micros) AS spend_micros\n"
                + "FROM minute_spend\n"
                + "GROUP BY campaign_id, DATE_FORMAT(TO_TIMESTAMP_LTZ(minute_start, 3), 'yyyy-MM-dd')");
        // budgets do change (a new version of the campaign): the last version's budget is the one to cross
        tEnv.executeSql("CREATE TEMPORARY VIEW campaign_budgets AS\n"
                + "SELECT /*+ STATE_TTL('campaigns' = '3650d') */ campaign_id,\n"
                + "  LAST_VALUE(daily_budget_micros) AS daily_budget_micros\n"
                + "FROM campaigns GROUP BY campaign_id");

        StreamStatementSet set = tEnv.createStatementSet();
        set.addInsertSql("INSERT INTO spend_realtime SELECT campaign_id, minute_start, impressions, clicks,"
                + " spend_micros, last_accepted_at FROM minute_spend");
        set.addInsertSql("INSERT INTO spend_realtime_total SELECT campaign_id, `day`, spend_micros FROM daily_spend");
        set.addInsertSql("INSERT INTO budget_alerts\n" + budgetAlertsQuery());
        set.addInsertSql("INSERT INTO dedup_stats\n" + dedupStatsQuery());
        return set;
    }

    /** An upsert-kafka table: JSON key (the primary key's columns) and value, one topic. */
    private static void upsertTable(StreamTableEnvironment tEnv, FlinkOptions o, String name, String topic,
            String columns, String primaryKey, String moreOptions) {
        tEnv.executeSql("CREATE TEMPORARY TABLE " + name + " (\n " + columns + ",\n PRIMARY KEY (" + primaryKey
                + ") NOT ENFORCED\n) WITH ('connector' = 'upsert-kafka', 'topic' = '" + topic + "',\n"
                + " 'properties.bootstrap.servers' = '" + o.bootstrapServers() + "',\n"
                + " 'key.format' = 'json', 'value.format' = 'json'" + moreOptions + ")");
    }

    /** One row per event id (the first copy to arrive); the state behind it expires after the TTL. */
    static String dedupQuery() {
        // BEGIN SOLUTION step 4: ROW_NUMBER() over the event id, ordered by processing time, keep row 1
        return "SELECT event_id, type, campaign_id, event_time, accepted_at, billable, rowtime FROM (\n"
                + "  SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY proctime ASC) AS rn FROM ad_events\n"
                + ") WHERE rn = 1";
        // END SOLUTION
    }

    /** Billable impressions and clicks per campaign per 1-minute event-time window (a window TVF). */
    static String minuteCountsQuery() {
        // BEGIN SOLUTION step 5: TUMBLE over rowtime, 1 minute; count only billable events
        return "SELECT campaign_id, window_start, window_end,\n"
                + "  MIN(event_time - MOD(event_time, 60000)) AS minute_start,\n"
                + "  COUNT(*) FILTER (WHERE type = 'IMPRESSION') AS impressions,\n"
                + "  COUNT(*) FILTER (WHERE type = 'CLICK') AS clicks,\n"
                + "  MAX(accepted_at) AS last_accepted_at\n"
                + "FROM TABLE(TUMBLE(TABLE deduped, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))\n"
                + "WHERE billable AND type IN ('IMPRESSION', 'CLICK')\n"
                + "GROUP BY campaign_id, window_start, window_end";
        // END SOLUTION
    }

    /** A minute's counts priced at the campaign's bid, in micros. */
    static String minuteSpendQuery() {
        // BEGIN SOLUTION step 5: CPC pays the bid per click, CPM the bid per 1,000 impressions
        return "SELECT /*+ STATE_TTL('m' = '1h', 'c' = '3650d') */ m.campaign_id, m.minute_start, m.impressions,\n"
                + "  m.clicks, CASE c.pricing WHEN 'CPC' THEN m.clicks * c.bid_micros\n"
                + "                           ELSE m.impressions * (c.bid_micros / 1000) END AS spend_micros,\n"
                + "  m.last_accepted_at\n"
                + "FROM minute_counts m JOIN campaign_prices c ON m.campaign_id = c.campaign_id";
        // END SOLUTION
    }

    /**
     * The campaign-days whose running total reached the campaign's daily budget, one row each. An upsert sink keyed
     * by (campaign, day) makes the alert idempotent: the updates of a total above its budget, a replay of the topic
     * or a restart all rewrite the same key.
     */
    static String budgetAlertsQuery() {
        // BEGIN SOLUTION step 5: the day's running total joined with the campaign's current budget; keep the rows at or past it
        return "SELECT /*+ STATE_TTL('t' = '2d', 'b' = '3650d') */ t.campaign_id, t.`day`, b.daily_budget_micros\n"
                + "FROM daily_spend t JOIN campaign_budgets b ON t.campaign_id = b.campaign_id\n"
                + "WHERE t.spend_micros >= b.daily_budget_micros";
        // END SOLUTION
    }

    /**
     * Records that reached the speed layer, the first copies its dedup kept, and the difference: the duplicates it
     * dropped (the dedup hits). Counted since the job's state began.
     */
    static String dedupStatsQuery() {
        // BEGIN SOLUTION step 4: every record counted once before the dedup and once after it; dropped = received - kept
        return "SELECT layer, SUM(received), SUM(kept), SUM(received) - SUM(kept) FROM (\n"
                + "  SELECT 'speed' AS layer, CAST(1 AS BIGINT) AS received, CAST(0 AS BIGINT) AS kept FROM ad_events\n"
                + "  UNION ALL\n"
                + "  SELECT 'speed' AS layer, CAST(0 AS BIGINT) AS received, CAST(1 AS BIGINT) AS kept FROM deduped\n"
                + ") GROUP BY layer";
        // END SOLUTION
    }
}
