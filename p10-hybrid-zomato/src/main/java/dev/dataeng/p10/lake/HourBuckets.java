package dev.dataeng.p10.lake;

import dev.dataeng.p10.platform.RawEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** The lake's partitioning: {@code date=2026-01-05/hour=10}, by the event's own time (UTC), not by arrival. */
public final class HourBuckets implements BucketAssigner<RawEvent, String> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("'date='yyyy-MM-dd'/hour='HH")
            .withZone(ZoneOffset.UTC);

    public static String partitionOf(long eventTimeMs) {
        return FORMAT.format(Instant.ofEpochMilli(eventTimeMs));
    }

    @Override
    public String getBucketId(RawEvent element, Context context) {
        // BEGIN SOLUTION step 6: partition by the event's time, not by when it was processed
        return partitionOf(element.event_time);
        // END SOLUTION
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
