package dev.dataeng.p08.model;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record the jobs could not decode, on its way to the dead-letter topic {@code <input topic>-dlq}: the original
 * key, value and headers, byte for byte, plus headers saying why and where it came from, so that it can be
 * inspected, fixed and replayed to the exact offset. Nothing is skipped silently: every input record is decoded or
 * dead-lettered, and the counts add up.
 */
public final class DeadLetters {
    public static final String REASON = "dlq.reason";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    private DeadLetters() {
    }

    /** The dead-letter topic of an input topic. */
    public static String topicFor(String inputTopic) {
        return inputTopic + "-dlq";
    }

    /** The dead letter of one input record: its bytes as they were, its headers, and the four dlq.* headers. */
    public static ProducerRecord<byte[], byte[]> of(String dlqTopic, String sourceTopic, int partition, long offset,
            Long timestamp, byte[] key, byte[] value, Iterable<Header> originalHeaders, String reason) {
        RecordHeaders headers = new RecordHeaders();
        if (originalHeaders != null) {
            originalHeaders.forEach(headers::add);
        }
        headers.add(REASON, utf8(reason == null ? "undecodable" : reason));
        headers.add(SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        return new ProducerRecord<>(dlqTopic, null, timestamp != null && timestamp >= 0 ? timestamp : null, key,
                value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
