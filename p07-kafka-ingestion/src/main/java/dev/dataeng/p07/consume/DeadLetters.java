package dev.dataeng.p07.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topic: a record the consumer cannot load goes there unchanged (key, value, timestamp), with
 * headers that say why and where it came from, so that someone can look at it, fix the cause and replay it.
 */
public final class DeadLetters implements AutoCloseable {
    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String EXCEPTION = "dlq.exception.class";
    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";

    /**
     * A record to dead-letter, and why. {@code reason}: {@code UNDECODABLE} or {@code UNKNOWN_SCHEMA_ID} (from the
     * decoder), {@code UNKNOWN_CAMPAIGN} or {@code FUTURE_EVENT_TIME} (from {@link EventRules}). {@code detail}: a
     * line a person can act on. {@code exceptionClass}: never blank — for a decoding failure the class of what was
     * thrown (its cause where there is one), for a rule violation, where nothing is thrown, the rule's class
     * ({@code EventRules}). The original partition and offset go into their headers as decimal text.
     */
    public record Letter(ConsumerRecord<byte[], byte[]> record, String reason, String detail, String exceptionClass) {
    }

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(String bootstrapServers, String topic) {
        this.topic = topic;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The dead-letter record of {@code letter}: same key, value and timestamp, plus the headers. */
    public ProducerRecord<byte[], byte[]> toRecord(Letter letter) {
        ConsumerRecord<byte[], byte[]> r = letter.record();
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value());
        // BEGIN SOLUTION step 9: reason, detail, exception class, original topic, partition and offset as UTF-8 headers
        Headers h = out.headers();
        h.add(REASON, utf8(letter.reason()));
        h.add(DETAIL, utf8(letter.detail()));
        h.add(EXCEPTION, utf8(letter.exceptionClass()));
        h.add(ORIGINAL_TOPIC, utf8(r.topic()));
        h.add(ORIGINAL_PARTITION, utf8(String.valueOf(r.partition())));
        h.add(ORIGINAL_OFFSET, utf8(String.valueOf(r.offset())));
        // END SOLUTION
        return out;
    }

    /** Sends every letter and waits until the cluster has them all; throws if any is not written. */
    public void sendAll(List<Letter> letters) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Letter letter : letters) {
            acks.add(producer.send(toRecord(letter)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a dead letter was not written to " + topic + ": " + e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("writing dead letters to " + topic + " took over 60 s", e);
            }
        }
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
