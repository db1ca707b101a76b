package dev.dataeng.p10.lake;

import dev.dataeng.p10.platform.RawEvent;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.avro.AvroWriters;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * Every raw event of {@code ad-events}, exactly once, as Avro files under {@code date=…/hour=…}: Flink's
 * {@link FileSink} writes in-progress files and commits them only when the checkpoint that covers their records
 * (and the Kafka offsets they came from) completes. A restart from that checkpoint re-reads exactly what was not
 * committed. The lake is the source of truth of the batch layer (part 2: recon).
 */
public final class LakeSink {
    private LakeSink() {
    }

    public static void attach(DataStream<RawEvent> events, String lakePath) {
        // BEGIN SOLUTION step 6: a bulk-format FileSink (it rolls on checkpoints: exactly once) bucketed by event hour
        FileSink<RawEvent> sink = FileSink.forBulkFormat(new Path(lakePath), AvroWriters.forReflectRecord(RawEvent.class))
                .withBucketAssigner(new HourBuckets())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("events").withPartSuffix(".avro").build())
                .build();
        events.sinkTo(sink).name("lake").uid("lake-sink");
        // END SOLUTION
    }
}
