package dev.dataeng.p08.kstreams;

import dev.dataeng.p08.model.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What Kafka Streams does with an input record its serde cannot decode: the record goes, as it was, to the
 * dead-letter topic {@code <input topic>-dlq} with headers for the reason and its source topic, partition and
 * offset, and processing continues. Kafka Streams (4.1+, KIP-1034) produces the returned records itself, in the
 * same transaction as the task's other output under exactly-once. Configured with
 * {@code deserialization.exception.handler} ({@link AdStreamsApp}).
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        // BEGIN SOLUTION step 13: resume with one dead letter (DeadLetters.of): the record's own key, value and headers, the reason, its topic, partition and offset
        return Response.resume(List.of(DeadLetters.of(DeadLetters.topicFor(record.topic()), record.topic(),
                record.partition(), record.offset(), record.timestamp(), record.key(), record.value(),
                record.headers(), exception.getClass().getSimpleName() + ": " + exception.getMessage())));
        // END SOLUTION
    }
}
