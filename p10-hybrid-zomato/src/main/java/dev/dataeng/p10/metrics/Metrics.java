package dev.dataeng.p10.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One Prometheus registry per component (gateway, billing) and the {@code /metrics} page a Prometheus server scrapes.
 * Series names are in {@link #NAMES}; the Grafana dashboard ({@code grafana/p10-dashboard.json}) and the
 * {@code status} command read the same ones.
 */
public final class Metrics {
    /** The series this platform exposes (Prometheus names). */
    public static final String[] NAMES = {
        "p10_gateway_events_accepted_total", "p10_gateway_events_rejected_total", "p10_gateway_batches_total",
        "p10_gateway_kafka_ack_seconds", "p10_gateway_events_unbillable_total",
        "p10_billing_spend_updates_total", "p10_billing_corrections_applied_total", "p10_billing_budget_pauses_total",
        "p10_billing_consumer_lag_records", "p10_billing_end_to_end_latency_seconds",
        "p10_speed_dedup_hits", "p10_speed_budget_alerts"};

    private Metrics() {
    }

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Adds {@code GET /metrics} to a JDK HTTP server. */
    public static void serve(HttpServer server, PrometheusMeterRegistry registry) {
        server.createContext("/metrics", exchange -> respond(exchange, registry.scrape()));
    }

    /** A server of its own for {@code /metrics} (port 0: any free port). */
    public static HttpServer start(int port, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            serve(server, registry);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the metrics port " + port + ": " + e.getMessage(), e);
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
