package dev.dataeng.p09.time;

import dev.dataeng.common.ads.AdEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Events per campaign per tumbling event-time window in Flink, with nothing silently dropped: on-time events make the
 * first result, late events within the allowed lateness update it, later ones go to the {@link #TOO_LATE} side
 * output. {@code on time + late but accepted + too late = input}.
 */
public final class FlinkLateData {
    /** Events that arrive after their window's allowed lateness has passed. */
    public static final OutputTag<AdEvent> TOO_LATE = new OutputTag<>("too-late", TypeInformation.of(AdEvent.class));

    /** The window results, and the events too late for them. */
    public record Streams(DataStream<WindowCount> windows, DataStream<AdEvent> tooLate) {
    }

    private FlinkLateData() {
    }

    /** Event time from the event itself; watermark bound and idleness from {@code rules}. */
    public static WatermarkStrategy<AdEvent> watermarks(LatenessRules rules) {
        WatermarkStrategy<AdEvent> strategy;
        // BEGIN SOLUTION step 4: bounded out-of-orderness (EveryEventBoundedOutOfOrderness(rules.outOfOrderness() in ms)), the event's own time as timestamp
        long boundMs = rules.outOfOrderness().toMillis(); // the lambda ships to the cluster: capture a long, not rules
        strategy = WatermarkStrategy
                .<AdEvent>forGenerator(ctx -> new EveryEventBoundedOutOfOrderness(boundMs))
                .withTimestampAssigner((event, recordTimestamp) -> event.eventTimeMs());
        // END SOLUTION
        if (rules.idleness() != null) {
            // BEGIN SOLUTION step 5: a partition silent for rules.idleness() must not hold the watermark back
            strategy = strategy.withIdleness(rules.idleness());
            // END SOLUTION
        }
        return strategy;
    }

    /** Counts {@code events} (already carrying timestamps and watermarks) per campaign and window. */
    public static Streams countPerWindow(DataStream<AdEvent> events, LatenessRules rules, Prices prices) {
        // BEGIN SOLUTION step 4: keyBy campaign, tumbling event-time windows, allowedLateness, sideOutputLateData(TOO_LATE), aggregate with CountEvents + LabelFirings, and a uid on the window operator (a savepoint restores its state by uid: step 9, E15)
        SingleOutputStreamOperator<WindowCount> windows = events
                .keyBy(AdEvent::campaignId)
                .window(TumblingEventTimeWindows.of(rules.window()))
                .allowedLateness(rules.allowedLateness())
                .sideOutputLateData(TOO_LATE)
                .aggregate(new CountEvents(prices), new LabelFirings())
                .uid("window-counts"); // state of a savepoint maps to operators by uid
        return new Streams(windows, windows.getSideOutput(TOO_LATE));
        // END SOLUTION
    }

    /** Counts the events of a window and sums what they cost: {events, spend micros}. */
    public static final class CountEvents implements AggregateFunction<AdEvent, long[], long[]> {
        private final Prices prices;

        public CountEvents(Prices prices) {
            this.prices = prices;
        }

        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(AdEvent value, long[] acc) {
            return new long[] {acc[0] + 1, acc[1] + prices.cost(value)};
        }

        @Override
        public long[] getResult(long[] acc) {
            return acc;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    /**
     * Labels each emission of a window with its firing number (per-window state): 0 is the on-time result, each late
     * firing counts one more; the events of the on-time firing are remembered so late events can be told apart.
     */
    public static final class LabelFirings extends ProcessWindowFunction<long[], WindowCount, String, TimeWindow> {
        private final ValueStateDescriptor<long[]> firedDescriptor =
                new ValueStateDescriptor<>("fired", TypeInformation.of(long[].class));

        @Override
        public void process(String campaignId, Context context, Iterable<long[]> sums, Collector<WindowCount> out)
                throws Exception {
            long[] sum = sums.iterator().next();
            long events = sum[0];
            ValueState<long[]> fired = context.windowState().getState(firedDescriptor);
            long[] state = fired.value(); // {firings so far, events at the on-time firing}
            if (state == null) {
                state = new long[] {0, events};
            }
            out.collect(new WindowCount(campaignId, context.window().getStart(), events, events - state[1], sum[1],
                    (int) state[0]));
            state[0]++;
            fired.update(state);
        }

        @Override
        public void clear(Context context) {
            context.windowState().getState(firedDescriptor).clear();
        }
    }
}
