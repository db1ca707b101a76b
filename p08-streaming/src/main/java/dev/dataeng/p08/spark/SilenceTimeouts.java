package dev.dataeng.p08.spark;

import dev.dataeng.p08.model.SilenceWatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;
import scala.Tuple3;

/**
 * Query 6 per campaign, once per micro-batch: called with the campaign's new impressions of the batch (in no
 * particular order), or with none and {@code hasTimedOut()} when the watermark has passed the event-time timeout
 * set last time. Emits (campaign, silent since, alert at).
 */
final class SilenceTimeouts
        implements FlatMapGroupsWithStateFunction<String, Row, SilenceWatch, Tuple3<String, Long, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple3<String, Long, Long>> call(String campaign, Iterator<Row> impressions,
            GroupState<SilenceWatch> state) {
        List<Tuple3<String, Long, Long>> alerts = new ArrayList<>();
        // BEGIN SOLUTION step 11: on timeout report the silence once; else sort the batch's impressions by event time, report each silence they end, keep the latest and set the timeout to latest + SILENCE (event time)
        SilenceWatch watch = state.exists() ? state.get() : null;
        if (state.hasTimedOut()) {
            if (watch != null && !watch.reported()) {
                alerts.add(alert(campaign, watch));
                state.update(new SilenceWatch(watch.latestMs(), true));
            }
            return alerts.iterator(); // no new timeout: the campaign waits for its next impression
        }
        List<Long> times = new ArrayList<>();
        impressions.forEachRemaining(r -> times.add(r.<Long>getAs("event_time")));
        times.sort(null);
        for (long t : times) {
            if (watch != null && t <= watch.latestMs()) {
                continue; // out of order: not a silence
            }
            if (watch != null && t > watch.dueMs() && !watch.reported()) {
                alerts.add(alert(campaign, watch));
            }
            watch = new SilenceWatch(t, false);
        }
        if (watch != null) {
            state.update(watch);
            if (!watch.reported()) {
                state.setTimeoutTimestamp(watch.dueMs());
            }
        }
        // END SOLUTION
        return alerts.iterator();
    }

    private static Tuple3<String, Long, Long> alert(String campaign, SilenceWatch watch) {
        return new Tuple3<>(campaign, watch.latestMs(), watch.dueMs());
    }
}
