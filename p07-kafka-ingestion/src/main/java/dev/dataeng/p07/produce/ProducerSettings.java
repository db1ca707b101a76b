package dev.dataeng.p07.produce;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer knobs this chapter is about. {@code acks}: how many replicas must have a record before it counts as
 * written ("all": every in-sync replica, at least {@code min.insync.replicas}). {@code idempotence}: the broker drops
 * a retried batch it already has and keeps batches in order while up to 5 are in flight per connection.
 * {@code lingerMs}/{@code batchSize}: wait a little to send bigger batches. {@code compression}: per batch.
 * {@code retries} and {@code deliveryTimeoutMs}: how often and how long a record is retried before its callback gets
 * the error (then a {@code TimeoutException}; the retriable cause, e.g. NOT_ENOUGH_REPLICAS, is in the client's log).
 */
public record ProducerSettings(String acks, boolean idempotence, int retries, int maxInFlight, int lingerMs,
        int batchSize, String compression, int deliveryTimeoutMs, int requestTimeoutMs) {

    /** What the ad server should run with: nothing acknowledged is lost, nothing duplicated or reordered by retries. */
    public static ProducerSettings reliable() {
        // BEGIN SOLUTION step 6: acks=all, idempotence on with retries until the delivery timeout (max 5 in flight keeps order), a short linger and 64 KiB batches, lz4; the default 2-minute delivery timeout
        return new ProducerSettings("all", true, Integer.MAX_VALUE, 5, 10, 64 * 1024, "lz4", 120_000, 30_000);
        // END SOLUTION
    }

    public ProducerSettings withAcks(String value) {
        return new ProducerSettings(value, idempotence, retries, maxInFlight, lingerMs, batchSize, compression,
                deliveryTimeoutMs, requestTimeoutMs);
    }

    public ProducerSettings withIdempotence(boolean value) {
        return new ProducerSettings(acks, value, retries, maxInFlight, lingerMs, batchSize, compression,
                deliveryTimeoutMs, requestTimeoutMs);
    }

    /** 0: the first error goes to the callback (needs idempotence off: an idempotent producer must retry). */
    public ProducerSettings withRetries(int value) {
        return new ProducerSettings(acks, idempotence, value, maxInFlight, lingerMs, batchSize, compression,
                deliveryTimeoutMs, requestTimeoutMs);
    }

    public ProducerSettings withCompression(String value) {
        return new ProducerSettings(acks, idempotence, retries, maxInFlight, lingerMs, batchSize, value,
                deliveryTimeoutMs, requestTimeoutMs);
    }

    public ProducerSettings withBatching(int linger, int batch) {
        return new ProducerSettings(acks, idempotence, retries, maxInFlight, linger, batch, compression,
                deliveryTimeoutMs, requestTimeoutMs);
    }

    /** Shorter timeouts, so a test or a demo sees a failure in seconds rather than two minutes. */
    public ProducerSettings withTimeouts(int deliveryMs, int requestMs) {
        return new ProducerSettings(acks, idempotence, retries, maxInFlight, lingerMs, batchSize, compression,
                deliveryMs, requestMs);
    }

    public Map<String, Object> toProperties(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotence);
        p.put(ProducerConfig.RETRIES_CONFIG, retries);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlight);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        return p;
    }
}
