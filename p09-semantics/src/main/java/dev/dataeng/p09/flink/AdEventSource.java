package dev.dataeng.p09.flink;

import dev.dataeng.common.ads.AdEvent;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** A Kafka source of ad events for the chapter's Flink jobs. */
public final class AdEventSource {
    private AdEventSource() {
    }

    /**
     * Reads {@code topic} from the group's committed offsets (earliest when it has none). {@code bounded}: stop at
     * the end offsets seen at start (a batch-like run that finishes); otherwise read forever. The group's offsets
     * are committed on each completed checkpoint, which is how an outside observer sees the job's progress.
     */
    public static KafkaSource<AdEvent> of(String bootstrapServers, String topic, String groupId, boolean bounded) {
        var builder = KafkaSource.<AdEvent>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new AdEventSchema())
                .setProperty("partition.discovery.interval.ms", "-1")
                // Small fetches per partition: a consumer hands out one partition's fetched records before the
                // next's, so with big fetches a partition can go unread for seconds while another's batch is
                // processed, and look idle. About 100 events per partition per fetch keeps the turns short.
                .setProperty("max.poll.records", "100")
                .setProperty("max.partition.fetch.bytes", "16384");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
