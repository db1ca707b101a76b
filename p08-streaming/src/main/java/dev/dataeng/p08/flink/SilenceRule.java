package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p08.model.SilenceAlert;
import dev.dataeng.p08.model.StreamRules;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Query 6, keyed by campaign, impressions only: alert when a campaign has served no impression for
 * {@code SILENCE} of event time. Keyed state holds the campaign's latest impression time and whether its silence was
 * already reported; an event-time timer at {@code latest + SILENCE} fires when the watermark passes it, even if
 * the campaign never sends another event. An impression that ends a longer silence before the timer fired (the
 * watermark lags the events) reports it itself, so the answer does not depend on how fast the watermark moves.
 */
public final class SilenceRule extends KeyedProcessFunction<String, AdEvent, SilenceAlert> {
    private static final long serialVersionUID = 1L;
    private static final long SILENCE_MS = StreamRules.SILENCE.toMillis();

    private transient ValueState<Long> latest;
    private transient ValueState<Boolean> reported;

    @Override
    public void open(OpenContext context) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-impression", Long.class));
        reported = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-reported", Boolean.class));
    }

    @Override
    public void processElement(AdEvent impression, Context ctx, Collector<SilenceAlert> out) throws Exception {
        // BEGIN SOLUTION step 9: keep the latest impression time per campaign; move the timer to latest + SILENCE; report a silence this impression ends if the timer has not
        long t = impression.eventTimeMs();
        Long last = latest.value();
        if (last != null && t <= last) {
            return; // out of order: the campaign was not silent since `last`
        }
        if (last != null) {
            if (t - last > SILENCE_MS && !Boolean.TRUE.equals(reported.value())) {
                out.collect(new SilenceAlert(ctx.getCurrentKey(), last, last + SILENCE_MS));
            }
            ctx.timerService().deleteEventTimeTimer(last + SILENCE_MS);
        }
        latest.update(t);
        reported.update(false);
        ctx.timerService().registerEventTimeTimer(t + SILENCE_MS);
        // END SOLUTION
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SilenceAlert> out) throws Exception {
        // BEGIN SOLUTION step 9: the watermark passed latest + SILENCE: report once
        Long last = latest.value();
        if (last != null && timestamp == last + SILENCE_MS && !Boolean.TRUE.equals(reported.value())) {
            out.collect(new SilenceAlert(ctx.getCurrentKey(), last, timestamp));
            reported.update(true);
        }
        // END SOLUTION
    }
}
