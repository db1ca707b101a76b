package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.Counts;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.StreamRules;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The queries in Flink's DataStream API: a Kafka source with event-time watermarks (bounded out-of-orderness),
 * keyed windows with incremental aggregates, and a keyed co-process function with state and timers for the join.
 * {@link #define} adds the job to an environment; the caller executes it (MiniCluster locally, `flink run` on a
 * cluster).
 */
public final class FlinkJobs {
    private FlinkJobs() {
    }

    public static void define(StreamExecutionEnvironment env, Query query, FlinkSettings s) {
        DataStream<AdEvent> events = FlinkIo.events(env, s, watermarks());
        switch (query) {
            case TUMBLING -> minuteSpend(events, s).sinkTo(FlinkIo.sink(s, MinuteSpend::campaignId))
                    .name("minute-spend-to-kafka");
            case SLIDING -> hourlyCtr(events).sinkTo(FlinkIo.sink(s, HourlyCtr::campaignId))
                    .name("hourly-ctr-to-kafka");
            case JOIN -> clickVerdicts(events).sinkTo(FlinkIo.sink(s, ClickVerdict::clickId))
                    .name("click-verdicts-to-kafka");
        }
    }

    /** Query 6: silence alerts per campaign (a Flink-only job: keyed state and event-time timers). */
    public static void defineSilenceAlerts(StreamExecutionEnvironment env, FlinkSettings s) {
        FlinkIo.events(env, s, watermarks())
                .filter(e -> e.type() == EventType.IMPRESSION).name("impressions")
                .keyBy(AdEvent::campaignId)
                .process(new SilenceRule()).name("silence-rule")
                .sinkTo(FlinkIo.sink(s, SilenceAlert::campaignId)).name("silence-alerts-to-kafka");
    }

    /** Event time and watermarks of the input: how far behind the newest event an event may still arrive. */
    public static WatermarkStrategy<AdEvent> watermarks() {
        // BEGIN SOLUTION step 2: bounded out-of-orderness of MAX_OUT_OF_ORDER, timestamps from the event's event time
        return WatermarkStrategy.<AdEvent>forBoundedOutOfOrderness(StreamRules.MAX_OUT_OF_ORDER)
                .withTimestampAssigner((event, kafkaTimestamp) -> event.eventTimeMs());
        // END SOLUTION
    }

    /** Query 1. */
    static DataStream<MinuteSpend> minuteSpend(DataStream<AdEvent> events, FlinkSettings s) {
        // BEGIN SOLUTION step 3: keyBy campaign, tumbling event-time windows of MINUTE, CountsAggregate + a window function for the window start
        return events.keyBy(AdEvent::campaignId)
                .window(TumblingEventTimeWindows.of(StreamRules.MINUTE))
                .aggregate(new CountsAggregate(s.rateCard()), new ProcessWindowFunction<Counts, MinuteSpend, String,
                        TimeWindow>() {
                    @Override
                    public void process(String campaign, Context ctx, Iterable<Counts> counts,
                            Collector<MinuteSpend> out) {
                        Counts c = counts.iterator().next();
                        out.collect(new MinuteSpend(campaign, ctx.window().getStart(), c.impressions(), c.clicks(),
                                c.spendMicros()));
                    }
                })
                .name("minute-spend");
        // END SOLUTION
    }

    /** Query 2. */
    static DataStream<HourlyCtr> hourlyCtr(DataStream<AdEvent> events) {
        // BEGIN SOLUTION step 4: sliding event-time windows of HOUR every SLIDE
        return events.keyBy(AdEvent::campaignId)
                .window(SlidingEventTimeWindows.of(StreamRules.HOUR, StreamRules.SLIDE))
                .aggregate(new CountsAggregate(dev.dataeng.p08.model.RateCard.NONE),
                        new ProcessWindowFunction<Counts, HourlyCtr, String, TimeWindow>() {
                            @Override
                            public void process(String campaign, Context ctx, Iterable<Counts> counts,
                                    Collector<HourlyCtr> out) {
                                Counts c = counts.iterator().next();
                                out.collect(new HourlyCtr(campaign, ctx.window().getStart(), c.impressions(),
                                        c.clicks()));
                            }
                        })
                .name("hourly-ctr");
        // END SOLUTION
    }

    /** Query 5: clicks and impressions connected by impression id, decided by {@link ClickImpressionJoin}. */
    static DataStream<ClickVerdict> clickVerdicts(DataStream<AdEvent> events) {
        // BEGIN SOLUTION step 5: connect clicks with impressions, both keyed by impression id
        DataStream<AdEvent> clicks = events.filter(e -> e.type() == EventType.CLICK).name("clicks");
        DataStream<AdEvent> impressions = events.filter(e -> e.type() == EventType.IMPRESSION).name("impressions");
        return clicks.connect(impressions)
                .keyBy(AdEvent::impressionId, AdEvent::impressionId)
                .process(new ClickImpressionJoin())
                .name("click-impression-join");
        // END SOLUTION
    }
}
