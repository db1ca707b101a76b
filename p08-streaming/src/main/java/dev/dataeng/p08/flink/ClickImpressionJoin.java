package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p08.model.ClickVerdict;
import dev.dataeng.p08.model.StreamRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Query 5 by hand, keyed by impression id: keyed state holds the impression and any click that came before it;
 * event-time timers decide. A click is matched if its impression was served in {@code [click - JOIN_BOUND, click]};
 * a waiting click is flagged unmatched when the watermark passes its time (no impression can come any more); an
 * impression is forgotten once the watermark passes {@code served + JOIN_BOUND} (no click can match it any more).
 */
public final class ClickImpressionJoin extends KeyedCoProcessFunction<String, AdEvent, AdEvent, ClickVerdict> {
    private static final long serialVersionUID = 1L;
    private static final long BOUND_MS = StreamRules.JOIN_BOUND.toMillis();

    private transient ValueState<AdEvent> impression;
    private transient ListState<AdEvent> waitingClicks;

    @Override
    public void open(OpenContext context) {
        impression = getRuntimeContext().getState(new ValueStateDescriptor<>("impression", AdEvent.class));
        waitingClicks = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-clicks", AdEvent.class));
    }

    /** A click. */
    @Override
    public void processElement1(AdEvent click, Context ctx, Collector<ClickVerdict> out) throws Exception {
        // BEGIN SOLUTION step 5: impression in state: decide now; otherwise keep the click and set an event-time timer at its time
        AdEvent imp = impression.value();
        if (imp != null) {
            out.collect(verdict(click, imp));
        } else if (click.eventTimeMs() <= ctx.timerService().currentWatermark()) {
            out.collect(verdict(click, null)); // behind the watermark: its impression would be late too
        } else {
            waitingClicks.add(click);
            ctx.timerService().registerEventTimeTimer(click.eventTimeMs());
        }
        // END SOLUTION
    }

    /** An impression. */
    @Override
    public void processElement2(AdEvent imp, Context ctx, Collector<ClickVerdict> out) throws Exception {
        // BEGIN SOLUTION step 5: keep it until served + JOIN_BOUND (a timer cleans it up); decide the clicks that waited for it
        impression.update(imp);
        for (AdEvent click : waitingClicks.get()) {
            out.collect(verdict(click, imp));
        }
        waitingClicks.clear();
        ctx.timerService().registerEventTimeTimer(imp.eventTimeMs() + BOUND_MS);
        // END SOLUTION
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClickVerdict> out) throws Exception {
        // BEGIN SOLUTION step 5: waiting clicks up to this time get no impression any more; an expired impression is cleared
        List<AdEvent> stillWaiting = new ArrayList<>();
        for (AdEvent click : waitingClicks.get()) {
            if (click.eventTimeMs() <= timestamp) {
                out.collect(verdict(click, null));
            } else {
                stillWaiting.add(click);
            }
        }
        waitingClicks.update(stillWaiting);
        AdEvent imp = impression.value();
        if (imp != null && timestamp >= imp.eventTimeMs() + BOUND_MS) {
            impression.clear();
        }
        // END SOLUTION
    }

    /** The verdict of a click given the impression found for it (or null). */
    static ClickVerdict verdict(AdEvent click, AdEvent imp) {
        // BEGIN SOLUTION step 5: matched only if served in [click - JOIN_BOUND, click], both bounds included
        boolean inTime = imp != null && imp.eventTimeMs() <= click.eventTimeMs()
                && imp.eventTimeMs() >= click.eventTimeMs() - BOUND_MS;
        return inTime
                ? ClickVerdict.matched(click.eventId(), click.impressionId(), click.campaignId(), click.eventTimeMs(),
                        imp.eventTimeMs())
                : ClickVerdict.unmatched(click.eventId(), click.impressionId(), click.campaignId(),
                        click.eventTimeMs());
        // END SOLUTION
    }
}
