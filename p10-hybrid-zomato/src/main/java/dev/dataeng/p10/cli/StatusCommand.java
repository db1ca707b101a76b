package dev.dataeng.p10.cli;

import dev.dataeng.p10.metrics.MetricsPage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The platform's figures as a table, from the same /metrics pages Prometheus scrapes (for a learner without Grafana). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the gateway's and the billing engine's metrics as a table.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--gateway", description = "the gateway's base URL (default ${DEFAULT-VALUE})")
    String gateway = "http://127.0.0.1:8088";
    @Option(names = "--billing", description = "the billing engine's metrics URL (default ${DEFAULT-VALUE})")
    String billing = "http://127.0.0.1:8089/metrics";

    @Override
    public Integer call() throws Exception {
        String gatewayUrl = gateway.endsWith("/metrics") ? gateway : gateway.replaceAll("/+$", "") + "/metrics";
        MetricsPage g = MetricsPage.parse(fetch(gatewayUrl));
        MetricsPage b = MetricsPage.parse(fetch(billing));
        PrintStream out = System.out;
        out.println(String.format(Locale.ROOT, "%-44s %16s", "figure", "value"));
        row(out, "gateway: events accepted", g.sum("p10_gateway_events_accepted_total"));
        for (String reason : new String[] {"not_an_event", "unknown_campaign", "future_event_time"}) {
            row(out, "gateway: events rejected (" + reason + ")",
                    g.value("p10_gateway_events_rejected_total", "reason=\"" + reason + "\""));
        }
        row(out, "gateway: events accepted, not billable (paused)", g.sum("p10_gateway_events_unbillable_total"));
        row(out, "gateway: batches throttled (429)", g.value("p10_gateway_batches_total", "outcome=\"throttled\""));
        row(out, "gateway: batches unavailable (503)", g.value("p10_gateway_batches_total", "outcome=\"unavailable\""));
        row(out, "gateway: Kafka ack p50 (ms)", 1000 * g.value("p10_gateway_kafka_ack_seconds", "quantile=\"0.5\""));
        row(out, "gateway: Kafka ack p99 (ms)", 1000 * g.value("p10_gateway_kafka_ack_seconds", "quantile=\"0.99\""));
        row(out, "billing: spend updates applied", b.sum("p10_billing_spend_updates_total"));
        row(out, "billing: corrections applied", b.sum("p10_billing_corrections_applied_total"));
        row(out, "billing: budget pauses", b.sum("p10_billing_budget_pauses_total"));
        row(out, "billing: consumer lag (records)", b.sum("p10_billing_consumer_lag_records"));
        row(out, "speed: duplicates dropped (dedup hits)", b.sum("p10_speed_dedup_hits"));
        row(out, "speed: budget alerts (campaign-days)", b.sum("p10_speed_budget_alerts"));
        row(out, "billing: end-to-end latency p50 (ms)",
                1000 * b.value("p10_billing_end_to_end_latency_seconds", "quantile=\"0.5\""));
        row(out, "billing: end-to-end latency p99 (ms)",
                1000 * b.value("p10_billing_end_to_end_latency_seconds", "quantile=\"0.99\""));
        return 0;
    }

    private static void row(PrintStream out, String name, double value) {
        out.println(String.format(Locale.ROOT, "%-44s %,16.0f", name, value));
    }

    private static String fetch(String url) throws IOException, InterruptedException {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + " (is the platform running? start it with demo)", e);
        }
    }
}
