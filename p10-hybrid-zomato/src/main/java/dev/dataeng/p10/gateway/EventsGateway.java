package dev.dataeng.p10.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p10.metrics.Metrics;
import dev.dataeng.p10.platform.EventJson;
import dev.dataeng.p10.platform.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The events gateway: {@code POST /events} takes a JSON array of ad events and answers
 * <ul>
 *   <li>{@code 202} once Kafka acknowledged every event of the batch ({@code acks=all}, idempotent producer): the
 *       body counts the accepted events and lists the rejected ones with their reason (they went to
 *       {@link Topics#AD_EVENTS_REJECTED});</li>
 *   <li>{@code 400} when the body is no JSON array, {@code 413} when it is larger than the limit;</li>
 *   <li>{@code 429} + {@code Retry-After} when too many events are already waiting for Kafka (bounded memory);</li>
 *   <li>{@code 503} + {@code Retry-After} when Kafka did not acknowledge within the time limit.</li>
 * </ul>
 * A client retries 429/503 with the same batch: events carry their ids, and the speed layer and the recon
 * deduplicate. {@code GET /metrics} is the Prometheus page.
 */
public final class EventsGateway implements AutoCloseable {

    /**
     * @param maxBodyBytes      larger bodies get 413
     * @param maxInFlightEvents events waiting for Kafka at once, over all requests; beyond it, 429
     * @param ackTimeout        how long a request waits for Kafka's acknowledgements before answering 503
     * @param maxFutureSkewMs   how far ahead of {@code clock} an event time may be
     * @param clock             the gateway's clock (system clock in production, the generator's in tests)
     */
    public record Config(String bootstrapServers, int port, int threads, int maxBodyBytes, int maxInFlightEvents,
            Duration ackTimeout, long maxFutureSkewMs, LongSupplier clock) {

        public static Config defaults(String bootstrapServers) {
            // 30 minutes of clock skew: below the broker's own limit (log.message.timestamp.after.max.ms, 1 hour),
            // so an event the gateway accepts is never refused by Kafka for its timestamp
            return new Config(bootstrapServers, 0, 8, 4 << 20, 100_000, Duration.ofSeconds(5), 1_800_000L,
                    System::currentTimeMillis);
        }

        public Config withPort(int p) {
            return new Config(bootstrapServers, p, threads, maxBodyBytes, maxInFlightEvents, ackTimeout,
                    maxFutureSkewMs, clock);
        }

        public Config withLimits(int bodyBytes, int inFlightEvents, Duration ack) {
            return new Config(bootstrapServers, port, threads, bodyBytes, inFlightEvents, ack, maxFutureSkewMs,
                    clock);
        }

        public Config withClock(LongSupplier c) {
            return new Config(bootstrapServers, port, threads, maxBodyBytes, maxInFlightEvents, ackTimeout,
                    maxFutureSkewMs, c);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String CLIENT_ID = "p10-gateway";

    private final Config config;
    private final EventValidator validator;
    private final PausedCampaigns paused;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Semaphore inFlight;
    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Counter accepted;
    private final Counter unbillable;
    private final Timer ackTimer;

    private EventsGateway(Config config, Set<String> campaigns, PrometheusMeterRegistry registry) throws IOException {
        this.config = config;
        this.registry = registry;
        this.validator = new EventValidator(campaigns, config.clock(), config.maxFutureSkewMs());
        this.paused = new PausedCampaigns(config.bootstrapServers());
        this.producer = new KafkaProducer<>(producerProperties(config));
        this.inFlight = new Semaphore(config.maxInFlightEvents());
        this.accepted = Counter.builder("p10.gateway.events.accepted").description("events acknowledged by Kafka and answered 202")
                .register(registry);
        this.unbillable = Counter.builder("p10.gateway.events.unbillable")
                .description("accepted events of a campaign paused for that day (recorded, not billed)").register(registry);
        for (RejectReason r : RejectReason.values()) {
            rejected(r);
        }
        this.ackTimer = Timer.builder("p10.gateway.kafka.ack").description("from send to Kafka's acknowledgement of a batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 512);
        this.executor = Executors.newFixedThreadPool(config.threads());
        server.setExecutor(executor);
        server.createContext("/events", this::handle);
        Metrics.serve(server, registry);
        server.start();
    }

    public static EventsGateway start(Config config, Set<String> campaigns, PrometheusMeterRegistry registry) {
        try {
            return new EventsGateway(config, campaigns, registry);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the gateway's port " + config.port() + ": " + e.getMessage(), e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Whether the gateway has seen the pause of this campaign for the day of this event time. */
    public boolean isPaused(String campaignId, long eventTimeMs) {
        return paused.isPaused(campaignId, eventTimeMs);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private static Properties producerProperties(Config config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // BEGIN SOLUTION step 2: an accepted event must survive a broker failure and a producer retry must not duplicate it
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // END SOLUTION
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long ackMs = config.ackTimeout().toMillis();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(ackMs));
        return p;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("POST a JSON array of events"), null);
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                batch("too_large");
                respond(exchange, 413, error("body larger than " + config.maxBodyBytes() + " bytes: send smaller batches"), null);
                return;
            }
            JsonNode batch;
            try {
                batch = MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                batch = null;
            }
            if (batch == null || !batch.isArray()) {
                batch("malformed");
                respond(exchange, 400, error("the body must be a JSON array of events"), null);
                return;
            }
            ingest(exchange, (ArrayNode) batch);
        }
    }

    /** Validates, sends, waits for every acknowledgement, answers: the gateway's contract. */
    private void ingest(HttpExchange exchange, ArrayNode batch) throws IOException {
        int n = batch.size();
        // BEGIN SOLUTION step 2: bounded memory (429 when full), send all, answer 202 only after every ack (503 otherwise)
        if (!inFlight.tryAcquire(n)) {
            batch("throttled");
            respond(exchange, 429, error("too many events waiting for Kafka: retry later"), "1");
            return;
        }
        try {
            long now = System.currentTimeMillis();
            List<Future<RecordMetadata>> acks = new ArrayList<>(n);
            ArrayNode errors = MAPPER.createArrayNode();
            List<Verdict> verdicts = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    JsonNode element = batch.get(i);
                    Verdict v = validator.validate(element);
                    verdicts.add(v);
                    if (v.accepted()) {
                        AdEvent e = v.event();
                        boolean billable = !paused.isPaused(e.campaignId(), e.eventTimeMs());
                        acks.add(producer.send(new ProducerRecord<>(Topics.AD_EVENTS, null, e.eventTimeMs(),
                                e.campaignId().getBytes(StandardCharsets.UTF_8), EventJson.write(e, now, billable))));
                    } else {
                        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.AD_EVENTS_REJECTED,
                                element.toString().getBytes(StandardCharsets.UTF_8));
                        dead.headers().add("reason", v.reason().label().getBytes(StandardCharsets.UTF_8));
                        dead.headers().add("detail", v.detail().getBytes(StandardCharsets.UTF_8));
                        acks.add(producer.send(dead));
                        ObjectNode err = errors.addObject();
                        err.put("index", i);
                        JsonNode id = element.get("event_id");
                        err.put("event_id", id == null ? null : id.asText());
                        err.put("reason", v.reason().label());
                        err.put("detail", v.detail());
                    }
                }
                long deadline = System.nanoTime() + config.ackTimeout().toNanos();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // not acknowledged in time (or the send failed): the client retries the whole batch
                batch("unavailable");
                respond(exchange, 503, error("Kafka did not acknowledge in time: retry later"), "2");
                return;
            }
            ackTimer.record(System.currentTimeMillis() - now, TimeUnit.MILLISECONDS);
            int ok = 0;
            for (Verdict v : verdicts) {
                if (v.accepted()) {
                    ok++;
                    if (paused.isPaused(v.event().campaignId(), v.event().eventTimeMs())) {
                        unbillable.increment();
                    }
                } else {
                    rejected(v.reason()).increment();
                }
            }
            accepted.increment(ok);
            batch("accepted");
            ObjectNode answer = MAPPER.createObjectNode();
            answer.put("accepted", ok);
            answer.put("rejected", errors.size());
            answer.set("errors", errors);
            respond(exchange, 202, answer.toString(), null);
        } finally {
            inFlight.release(n);
        }
        // END SOLUTION
    }

    private Counter rejected(RejectReason reason) {
        return Counter.builder("p10.gateway.events.rejected").tag("reason", reason.label())
                .description("events refused by validation, sent to ad-events-rejected").register(registry);
    }

    private void batch(String outcome) {
        Counter.builder("p10.gateway.batches").tag("outcome", outcome).register(registry).increment();
    }

    /** The body, or null when it is larger than the limit (checked before reading when the length is declared). */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null && Long.parseLong(declared.trim()) > config.maxBodyBytes()) {
                in.transferTo(OutputStream.nullOutputStream()); // discarded, never held: the client then reads the 413
                return null;
            }
            byte[] bytes = in.readNBytes(config.maxBodyBytes() + 1);
            if (bytes.length > config.maxBodyBytes()) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return bytes;
        }
    }

    private static String error(String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("error", message);
        return n.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        producer.close(Duration.ofSeconds(5));
        paused.close();
    }
}
