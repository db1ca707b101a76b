package dev.dataeng.p10.speed;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness, with the watermark emitted from the events themselves (each time it advances by a
 * second of event time) rather than every 200 ms of processing time. With periodic emission a job that catches up
 * on a backlog reads minutes of event time between two watermarks, so what counts as "late" would depend on how
 * fast it reads; emitted from the events, it depends on the data only.
 */
public final class PerEventWatermarks<T> implements WatermarkGenerator<T> {
    private final long delayMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    public PerEventWatermarks(long delayMs) {
        this.delayMs = delayMs;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > maxTimestamp) {
            maxTimestamp = eventTimestamp;
            long watermark = maxTimestamp - delayMs - 1;
            if (emitted == Long.MIN_VALUE || watermark - emitted >= 1_000) {
                emitted = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // everything is emitted in onEvent
    }
}
