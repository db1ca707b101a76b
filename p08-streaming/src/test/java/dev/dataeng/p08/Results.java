package dev.dataeng.p08;

import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p08.model.ResultJson;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;

/** Reads an engine's output topic back (every record, in offset order per partition). */
final class Results {
    private Results() {
    }

    static <T> List<T> fromTopic(String bootstrap, String topic, Class<T> type) {
        return KafkaTopics.readAll(bootstrap, topic, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30)).stream()
                .map(r -> ResultJson.read(r.value(), type)).toList();
    }
}
