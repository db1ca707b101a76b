package dev.dataeng.p10;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.common.kafka.KafkaTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;

/** Test helper: reads a topic back as JSON, or an upsert topic as its table (the last value per key). */
final class Topic {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Topic() {
    }

    static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** key (as text) → last value; a tombstone removes the key. */
    static Map<String, JsonNode> table(String bootstrap, String topic) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(bootstrap, topic, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30))) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                out.remove(key);
            } else {
                out.put(key, json(r.value()));
            }
        }
        return out;
    }
}
