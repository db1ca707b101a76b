package dev.dataeng.p09.reprocess;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.p09.reprocess.MinuteSpendSink.MinuteSpend;
import dev.dataeng.p09.time.Prices;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A batch over a stream: reads ad events from a point in time (or the beginning) to the end offsets as of the start,
 * sums events and spend per campaign and minute, and writes those windows to {@link MinuteSpendSink}. Run from the
 * beginning it builds the table; run from a minute boundary with corrected prices it is a backfill that replaces
 * the windows from that minute on and leaves the earlier ones alone.
 */
public final class MinuteSpendJob {

    /** What a run read and wrote. */
    public record Outcome(long eventsRead, int windowsWritten) {
    }

    private MinuteSpendJob() {
    }

    /**
     * @param from null for the whole topic; otherwise a minute boundary (a window is rebuilt from all its events)
     */
    public static Outcome run(String bootstrapServers, String topic, Instant from, Prices prices, String jdbcUrl) {
        if (from != null && from.toEpochMilli() % 60_000 != 0) {
            throw new IllegalArgumentException("a backfill starts on a minute boundary (a window is rebuilt whole), "
                    + "not at " + from);
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<String, long[]> windows = new HashMap<>();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            if (from == null) {
                consumer.seekToBeginning(partitions);
            } else {
                Replay.offsetsAt(consumer, topic, from).forEach(consumer::seek);
            }
            while (!partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // arrived after the run started: the next run's
                    }
                    AdEvent e = AdJson.readEvent(r.value());
                    long start = e.eventTimeMs() - Math.floorMod(e.eventTimeMs(), 60_000L);
                    long[] w = windows.computeIfAbsent(e.campaignId() + "@" + start, k -> new long[2]);
                    w[0]++;
                    w[1] += prices.cost(e);
                    read++;
                }
            }
        }
        List<MinuteSpend> out = windows.entrySet().stream().map(en -> {
            String k = en.getKey();
            return new MinuteSpend(k.substring(0, k.indexOf('@')), Long.parseLong(k.substring(k.indexOf('@') + 1)),
                    en.getValue()[0], en.getValue()[1]);
        }).toList();
        try (MinuteSpendSink sink = new MinuteSpendSink(jdbcUrl)) {
            sink.write(out);
        }
        return new Outcome(read, out.size());
    }
}
