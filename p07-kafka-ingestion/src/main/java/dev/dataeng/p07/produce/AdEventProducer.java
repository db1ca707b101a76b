package dev.dataeng.p07.produce;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.serde.AdEventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ad server's side: puts ad events on a topic as Avro (through the registry), keyed by campaign id, stamped
 * with the event time. Every send has a callback that counts it as acknowledged or failed; a failed record is kept
 * (with its error) so the application can report and retry it — never silently dropped. {@link #close()} flushes.
 */
public final class AdEventProducer implements AutoCloseable {

    /** A record the cluster did not take, and why. */
    public record Failure(ProducerRecord<byte[], byte[]> record, Exception error) {
    }

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AdEventSerializer serializer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> failuresByError = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    public AdEventProducer(String bootstrapServers, ProducerSettings settings, SchemaRegistryClient registry,
            String topic) {
        this.topic = topic;
        this.serializer = new AdEventSerializer(registry);
        this.producer = new KafkaProducer<>(settings.toProperties(bootstrapServers), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** An event as the record to send: key = campaign id, value = Avro wire format, timestamp = event time. */
    public ProducerRecord<byte[], byte[]> toRecord(AdEvent e) {
        return new ProducerRecord<>(topic, null, e.eventTimeMs(), e.campaignId().getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topic, e));
    }

    /**
     * One record of the generator: an event, or poison as the broken ad server would send it (undecodable bytes
     * without key; a well-formed event that breaks a business rule, stamped with its arrival time).
     */
    public void send(AdRecord r) {
        if (r instanceof AdRecord.Event e) {
            send(toRecord(e.event()));
        } else {
            AdRecord.Poison p = (AdRecord.Poison) r;
            send(p.event() == null
                    ? new ProducerRecord<>(topic, null, p.arrivalTimeMs(), null, p.bytes())
                    : new ProducerRecord<>(topic, null, p.arrivalTimeMs(),
                            p.event().campaignId().getBytes(StandardCharsets.UTF_8),
                            serializer.serialize(topic, p.event())));
        }
    }

    /** Sends one record asynchronously; its callback counts it. */
    public void send(ProducerRecord<byte[], byte[]> record) {
        // BEGIN SOLUTION step 6: count the send, and pass a callback that counts an acknowledgement, or counts the failure by error class and keeps the record with its error
        sent.incrementAndGet();
        Callback callback = (metadata, error) -> {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
                failuresByError.computeIfAbsent(error.getClass().getSimpleName(), k -> new AtomicLong())
                        .incrementAndGet();
                failures.add(new Failure(record, error));
            }
        };
        producer.send(record, callback);
        // END SOLUTION
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    public SendStats stats() {
        Map<String, Long> byError = new TreeMap<>();
        failuresByError.forEach((k, v) -> byError.put(k, v.get()));
        return new SendStats(sent.get(), acknowledged.get(), failed.get(), byError);
    }

    /** The records that failed and were not retried yet (a copy; the list stays). */
    public List<Failure> failures() {
        return new ArrayList<>(failures);
    }

    /** The records that failed so far (each once), removed from the list: the caller retries or reports them. */
    public List<Failure> drainFailures() {
        List<Failure> out = new ArrayList<>();
        Failure f;
        while ((f = failures.poll()) != null) {
            out.add(f);
        }
        return out;
    }

    /**
     * Sends the failed records again (after the cause is gone: brokers back), flushes, and returns how many were
     * re-sent. A retried record counts as sent again; its earlier failure stays counted.
     */
    public int retryFailures() {
        List<Failure> again = drainFailures();
        again.forEach(f -> send(f.record()));
        flush();
        return again.size();
    }

    /** The producer's own metrics (record-send-rate, compression-rate-avg, …) for Micrometer or a report. */
    public KafkaProducer<byte[], byte[]> kafkaProducer() {
        return producer;
    }

    /** Flushes what is buffered, then closes: a producer closed without flush loses its unsent batches. */
    @Override
    public void close() {
        // BEGIN SOLUTION step 6: flush before close (close alone also waits, but make the intent explicit and bounded)
        producer.flush();
        producer.close(Duration.ofSeconds(30));
        // END SOLUTION
    }
}
