package dev.dataeng.p09.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The downstream consumer of the spend topic: billing reads every spend line and sums per campaign. A transactional
 * writer is only half of exactly-once; the reader must not see what was aborted.
 */
public final class BillingReader {
    private BillingReader() {
    }

    /** The isolation level billing reads the spend topic with. */
    public static IsolationLevel isolation() {
        // BEGIN SOLUTION step 2: which records may billing see: only those of committed transactions
        return IsolationLevel.READ_COMMITTED;
        // END SOLUTION
    }

    /** Every spend line in {@code topic} now (to the end offsets, or the last stable offset, as of the call). */
    public static List<SpendLine> readLines(String bootstrapServers, String topic, Duration bound) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation().toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, bound).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, bound);
            List<SpendLine> out = new ArrayList<>();
            long deadline = System.nanoTime() + bound.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + bound.toMillis()
                            + " ms; read " + out.size() + " lines");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(SpendLine.fromJson(r.value()));
                }
            }
            return out;
        }
    }

    /** Spend per campaign, in micros. */
    public static Map<String, Long> spendByCampaign(List<SpendLine> lines) {
        Map<String, Long> spend = new TreeMap<>();
        lines.forEach(l -> spend.merge(l.campaignId(), l.costMicros(), Long::sum));
        return spend;
    }
}
