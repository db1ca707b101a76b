package dev.dataeng.p07.cli;

import com.sun.net.httpserver.HttpServer;
import dev.dataeng.p07.lag.LagMetrics;
import dev.dataeng.p07.lag.LagReport;
import dev.dataeng.p07.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Consumer lag per partition (end offset - committed offset) from the Admin API; with"
                + " --metrics-port, also served as a Prometheus gauge at /metrics until Ctrl-C.",
                "On the in-JVM cluster it first produces the seeded stream (no group has read it: all of it is lag)."})
public final class LagCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;
    @Mixin
    StreamOptions stream;

    @Option(names = "--group", defaultValue = "ingest", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--topic", defaultValue = Topics.AD_EVENTS, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--metrics-port", description = "Serve http://127.0.0.1:PORT/metrics (Prometheus text format).")
    Integer metricsPort;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try (Env env = Env.open(cluster, true, System.out); Admin admin = env.admin()) {
            if (env.inJvm()) {
                ProduceCommand.produce(env, stream.generator(), 0, System.out);
            }
            System.out.print(LagReport.format(group, LagReport.of(admin, group, topic)));
            if (metricsPort == null) {
                return 0;
            }
            LagMetrics metrics = new LagMetrics(group, () -> LagReport.of(admin, group, topic));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", metricsPort), 0);
            server.createContext("/metrics", exchange -> {
                metrics.refresh();
                byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            System.out.println("serving http://127.0.0.1:" + server.getAddress().getPort() + "/metrics (Ctrl-C stops)");
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop(0);
                done.countDown();
            }));
            done.await();
            return 0;
        }
    }
}
