package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.p08.model.EnrichedClick;
import java.io.IOException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * Query 4 in Flink SQL: an event-time <em>temporal join</em>. The campaigns topic becomes a <em>versioned table</em>
 * (a changelog keyed by its primary key {@code campaign_id}, each version with an event time, its
 * {@code updated_at}, and a watermark); {@code FOR SYSTEM_TIME AS OF c.rowtime} joins each click to the version valid
 * at the click's event time. Flink waits for both watermarks to pass a click before it joins it, so a version that
 * arrives later but was valid earlier is still seen.
 */
public final class CampaignJoinSql {
    private static final TypeInformation<Row> CLICK_ROW = Types.ROW_NAMED(
            new String[] {"event_id", "campaign_id", "event_time"}, Types.STRING, Types.STRING, Types.LONG);
    private static final TypeInformation<Row> CAMPAIGN_ROW = Types.ROW_NAMED(
            new String[] {"campaign_id", "advertiser_id", "bid_micros", "daily_budget_micros", "status", "version"},
            Types.STRING, Types.LONG, Types.LONG, Types.LONG, Types.STRING, Types.INT);

    private CampaignJoinSql() {
    }

    /** Clicks of {@code s.inputTopic()} enriched from {@code campaignsTopic}, to {@code s.outputTopic()}. */
    public static void define(StreamExecutionEnvironment env, FlinkSettings s, String campaignsTopic) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.local-time-zone", "UTC");
        DataStream<Row> clicks = FlinkIo.events(env, s, FlinkJobs.watermarks())
                .filter(e -> e.type() == EventType.CLICK).name("clicks")
                .map(e -> Row.of(e.eventId(), e.campaignId(), e.eventTimeMs())).returns(CLICK_ROW).name("clicks-as-rows");
        tEnv.createTemporaryView("clicks", clicks, Schema.newBuilder()
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .watermark("rowtime", "SOURCE_WATERMARK()")
                .build());
        DataStream<Row> versions = campaignVersions(env, s, campaignsTopic)
                .map(c -> Row.ofKind(RowKind.UPDATE_AFTER, c.campaignId(), c.advertiserId(), c.bidMicros(),
                        c.dailyBudgetMicros(), c.status().name(), c.version()))
                .returns(CAMPAIGN_ROW).name("campaign-versions-as-rows");
        tEnv.createTemporaryView("campaigns", tEnv.fromChangelogStream(versions, Schema.newBuilder()
                .column("campaign_id", DataTypes.STRING().notNull())
                .column("advertiser_id", DataTypes.BIGINT())
                .column("bid_micros", DataTypes.BIGINT())
                .column("daily_budget_micros", DataTypes.BIGINT())
                .column("status", DataTypes.STRING())
                .column("version", DataTypes.INT())
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .watermark("rowtime", "SOURCE_WATERMARK()")
                .primaryKey("campaign_id")
                .build(), ChangelogMode.upsert()));
        tEnv.toDataStream(tEnv.sqlQuery(enrichedClicksSql()))
                .map(CampaignJoinSql::enriched).returns(EnrichedClick.class).name("enriched")
                .sinkTo(FlinkIo.sink(s, EnrichedClick::clickId)).name("enriched-clicks-to-kafka");
    }

    /**
     * Columns click_id, campaign_id, click_time (epoch ms), known, advertiser_id, bid_micros, daily_budget_micros,
     * status, version. Views: {@code clicks} (event_id, campaign_id, event_time, rowtime) and the versioned table
     * {@code campaigns} (campaign_id, advertiser_id, bid_micros, daily_budget_micros, status, version, rowtime).
     */
    static String enrichedClicksSql() {
        // BEGIN SOLUTION step 12: clicks LEFT JOIN campaigns FOR SYSTEM_TIME AS OF the click's rowtime (an event-time temporal join) ON the campaign id; known = a version was found
        return """
                SELECT c.event_id AS click_id, c.campaign_id, c.event_time AS click_time,
                       k.campaign_id IS NOT NULL AS known, k.advertiser_id, k.bid_micros, k.daily_budget_micros,
                       k.status, k.version
                FROM clicks AS c
                LEFT JOIN campaigns FOR SYSTEM_TIME AS OF c.rowtime AS k
                  ON c.campaign_id = k.campaign_id
                """;
        // END SOLUTION
    }

    /** The campaigns topic, every version, with its updated_at as event time (versions come in updated_at order). */
    static DataStream<Campaign> campaignVersions(StreamExecutionEnvironment env, FlinkSettings s, String topic) {
        var builder = KafkaSource.<Campaign>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setTopics(topic)
                .setGroupId(s.groupId() + "-campaigns")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new AbstractDeserializationSchema<Campaign>() {
                    @Override
                    public Campaign deserialize(byte[] message) throws IOException {
                        return message == null ? null : AdJson.readCampaign(message);
                    }
                });
        if (s.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), WatermarkStrategy.<Campaign>forMonotonousTimestamps()
                .withTimestampAssigner((c, kafkaTimestamp) -> c.updatedAtMs()), "campaigns");
    }

    private static EnrichedClick enriched(Row r) {
        String click = r.getFieldAs("click_id");
        String campaign = r.getFieldAs("campaign_id");
        long time = r.<Long>getFieldAs("click_time");
        if (!r.<Boolean>getFieldAs("known")) {
            return EnrichedClick.unknown(click, campaign, time);
        }
        return new EnrichedClick(click, campaign, time, true, r.<Long>getFieldAs("advertiser_id"),
                r.<Long>getFieldAs("bid_micros"), r.<Long>getFieldAs("daily_budget_micros"), r.getFieldAs("status"),
                r.<Integer>getFieldAs("version"));
    }
}
