package dev.dataeng.p10.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an ad server does to deliver a batch: POST it, and on 429/503 (or no answer) wait as told by
 * {@code Retry-After} and send the same batch again, until it is accepted (202) or refused for good (400/413).
 */
public final class GatewayClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The final answer for one batch, and how many attempts it took. */
    public record Delivery(int status, JsonNode body, int attempts) {
        public long accepted() {
            return body != null && body.has("accepted") ? body.get("accepted").asLong() : 0;
        }

        public long rejected() {
            return body != null && body.has("rejected") ? body.get("rejected").asLong() : 0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI events;
    private final long retryUnitMs;
    private final int maxAttempts;
    private final AtomicLong backpressured = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    /**
     * @param retryUnitMs what one second of {@code Retry-After} means here (1000 in production; tests wait less)
     */
    public GatewayClient(URI gateway, long retryUnitMs, int maxAttempts) {
        this.events = gateway.resolve("/events");
        this.retryUnitMs = retryUnitMs;
        this.maxAttempts = maxAttempts;
    }

    /** Answers 429 or 503 seen so far (each followed by a retry). */
    public long backpressured() {
        return backpressured.get();
    }

    /** Batches sent again, for any reason (429/503, or no answer: the gateway was down). */
    public long retries() {
        return retries.get();
    }

    public HttpResponse<String> postOnce(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public Delivery deliver(byte[] body) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long waitSeconds = 1;
            try {
                HttpResponse<String> r = postOnce(body);
                int status = r.statusCode();
                if (status != 429 && status != 503) {
                    return new Delivery(status, MAPPER.readTree(r.body()), attempt);
                }
                backpressured.incrementAndGet();
                waitSeconds = r.headers().firstValueAsLong("Retry-After").orElse(1);
            } catch (IOException e) {
                // the gateway is down or restarting: same as 503
            }
            retries.incrementAndGet();
            if (attempt >= maxAttempts) {
                throw new IllegalStateException("batch not accepted after " + attempt + " attempts");
            }
            Thread.sleep(waitSeconds * retryUnitMs);
        }
    }
}
