package dev.dataeng.p09.time;

import dev.dataeng.common.ads.AdEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Flink's bounded-out-of-orderness watermark ({@code max event time seen - bound - 1}), emitted after every event
 * instead of every 200 ms of processing time. Same rule, but the watermark a record meets no longer depends on how
 * fast the machine is: which events are late becomes a pure function of the input order, so a test can compute it.
 */
public final class EveryEventBoundedOutOfOrderness implements WatermarkGenerator<AdEvent> {
    private final long boundMs;
    private long maxTimestamp;

    public EveryEventBoundedOutOfOrderness(long boundMs) {
        this.boundMs = boundMs;
        this.maxTimestamp = Long.MIN_VALUE + boundMs + 1;
    }

    @Override
    public void onEvent(AdEvent event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        output.emitWatermark(new Watermark(maxTimestamp - boundMs - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(maxTimestamp - boundMs - 1));
    }
}
