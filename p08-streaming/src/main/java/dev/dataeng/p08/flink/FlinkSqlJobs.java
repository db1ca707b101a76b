package dev.dataeng.p08.flink;

import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Queries 1, 2 and 5 in Flink SQL, as an ads team writes them: window table-valued functions (TUMBLE, HOP) and an
 * interval join. The table {@code events} is the same Kafka source as the DataStream jobs, with the same watermarks:
 * its time attribute {@code rowtime} is the stream record's timestamp and its watermark is the source's
 * ({@code SOURCE_WATERMARK()}), which keeps per-partition watermarks exact.
 */
public final class FlinkSqlJobs {
    private static final TypeInformation<Row> EVENT_ROW = Types.ROW_NAMED(
            new String[] {"event_id", "type", "campaign_id", "user_id", "impression_id", "event_time", "cost_micros"},
            Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.LONG, Types.LONG);

    private FlinkSqlJobs() {
    }

    public static void define(StreamExecutionEnvironment env, Query query, FlinkSettings s) {
        StreamTableEnvironment tEnv = tables(env, s);
        switch (query) {
            case TUMBLING -> tEnv.toDataStream(tEnv.sqlQuery(minuteSpendSql()))
                    .map(r -> new MinuteSpend(r.getFieldAs("campaign_id"), epochMs(r.getField("window_start")),
                            r.<Long>getFieldAs("impressions"), r.<Long>getFieldAs("clicks"),
                            r.<Long>getFieldAs("spend_micros")))
                    .returns(MinuteSpend.class)
                    .sinkTo(FlinkIo.sink(s, MinuteSpend::campaignId)).name("minute-spend-to-kafka");
            case SLIDING -> tEnv.toDataStream(tEnv.sqlQuery(hourlyCtrSql()))
                    .map(r -> new HourlyCtr(r.getFieldAs("campaign_id"), epochMs(r.getField("window_start")),
                            r.<Long>getFieldAs("impressions"), r.<Long>getFieldAs("clicks")))
                    .returns(HourlyCtr.class)
                    .sinkTo(FlinkIo.sink(s, HourlyCtr::campaignId)).name("hourly-ctr-to-kafka");
            case JOIN -> tEnv.toDataStream(tEnv.sqlQuery(clickVerdictSql()))
                    .map(FlinkSqlJobs::verdict)
                    .returns(ClickVerdict.class)
                    .sinkTo(FlinkIo.sink(s, ClickVerdict::clickId)).name("click-verdicts-to-kafka");
        }
    }

    /**
     * A table environment over the Kafka source: the view {@code events} (with {@code rowtime} and the source's
     * watermarks) and the views {@code clicks} and {@code impressions}.
     */
    static StreamTableEnvironment tables(StreamExecutionEnvironment env, FlinkSettings s) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.local-time-zone", "UTC"); // windows aligned on UTC, like the other engines
        RateCard card = s.rateCard();
        DataStream<Row> rows = FlinkIo.events(env, s, FlinkJobs.watermarks())
                .map(e -> Row.of(e.eventId(), e.type().name(), e.campaignId(), e.userId(), e.impressionId(),
                        e.eventTimeMs(), card.costMicros(e.campaignId(), e.type())))
                .returns(EVENT_ROW).name("events-as-rows");
        tEnv.createTemporaryView("events", rows, Schema.newBuilder()
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .watermark("rowtime", "SOURCE_WATERMARK()")
                .build());
        tEnv.createTemporaryView("clicks", tEnv.sqlQuery("SELECT * FROM events WHERE type = 'CLICK'"));
        tEnv.createTemporaryView("impressions", tEnv.sqlQuery("SELECT * FROM events WHERE type = 'IMPRESSION'"));
        return tEnv;
    }

    /** Query 1: columns campaign_id, window_start, impressions, clicks, spend_micros. */
    static String minuteSpendSql() {
        // BEGIN SOLUTION step 3: TUMBLE over rowtime, 1 minute; group by campaign_id, window_start, window_end
        return """
                SELECT campaign_id, window_start,
                       COUNT(*) FILTER (WHERE type = 'IMPRESSION') AS impressions,
                       COUNT(*) FILTER (WHERE type = 'CLICK') AS clicks,
                       SUM(cost_micros) AS spend_micros
                FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))
                GROUP BY campaign_id, window_start, window_end
                """;
        // END SOLUTION
    }

    /** Query 2: columns campaign_id, window_start, impressions, clicks. */
    static String hourlyCtrSql() {
        // BEGIN SOLUTION step 4: HOP over rowtime, slide 15 minutes, size 1 hour
        return """
                SELECT campaign_id, window_start,
                       COUNT(*) FILTER (WHERE type = 'IMPRESSION') AS impressions,
                       COUNT(*) FILTER (WHERE type = 'CLICK') AS clicks
                FROM TABLE(HOP(TABLE events, DESCRIPTOR(rowtime), INTERVAL '15' MINUTE, INTERVAL '1' HOUR))
                GROUP BY campaign_id, window_start, window_end
                """;
        // END SOLUTION
    }

    /**
     * Query 5: columns click_id, impression_id, campaign_id, click_time, impression_time (null when unmatched).
     * Views {@code clicks} and {@code impressions} are {@code events} filtered by type.
     */
    static String clickVerdictSql() {
        // BEGIN SOLUTION step 5: clicks LEFT JOIN impressions on impression id AND an interval condition on rowtime (an interval join)
        return """
                SELECT c.event_id AS click_id, c.impression_id, c.campaign_id,
                       c.event_time AS click_time, i.event_time AS impression_time
                FROM clicks c LEFT JOIN impressions i
                  ON c.impression_id = i.impression_id
                 AND i.rowtime BETWEEN c.rowtime - INTERVAL '10' MINUTE AND c.rowtime
                """;
        // END SOLUTION
    }

    private static ClickVerdict verdict(Row r) {
        Long impressionTime = r.getFieldAs("impression_time");
        String click = r.getFieldAs("click_id");
        String impression = r.getFieldAs("impression_id");
        String campaign = r.getFieldAs("campaign_id");
        long clickTime = r.<Long>getFieldAs("click_time");
        return impressionTime == null
                ? ClickVerdict.unmatched(click, impression, campaign, clickTime)
                : ClickVerdict.matched(click, impression, campaign, clickTime, impressionTime);
    }

    /** window_start is a TIMESTAMP(3) in the session time zone (UTC here), or an instant. */
    private static long epochMs(Object windowStart) {
        if (windowStart instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return ((Instant) windowStart).toEpochMilli();
    }

}
