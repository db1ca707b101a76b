package dev.dataeng.p08.kstreams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dataeng.p08.model.Counts;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.ResultJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Interactive queries over HTTP: the application's window stores answer directly, no database in between.
 * <pre>
 * GET /minute-spend?campaign=cmp-0001&amp;from=&lt;epoch ms&gt;&amp;to=&lt;epoch ms&gt;   windows starting in [from, to] (at most 7 days)
 * GET /hourly-ctr?campaign=cmp-0001&amp;from=…&amp;to=…
 * </pre>
 * Answers a JSON array of {@code MinuteSpend} / {@code HourlyCtr}: the current value of each window, open ones
 * included (the store holds every update; suppression only holds back the output topic). One instance holds every
 * partition here; with several, {@code KafkaStreams.queryMetadataForKey} says which instance to ask.
 */
public final class QueryServer implements AutoCloseable {
    /**
     * A window store is segmented by time; a fetch walks the segments of its range (the record cache's one by one),
     * so a range from epoch 0 to now would take minutes. Ranges are capped.
     */
    static final long MAX_RANGE_MS = 7L * 24 * 3600 * 1000;

    private final HttpServer server;
    private final KafkaStreams streams;

    public QueryServer(KafkaStreams streams, int port) throws IOException {
        this.streams = streams;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/minute-spend", ex -> answer(ex, AdTopology.MINUTE_SPEND_STORE, true));
        server.createContext("/hourly-ctr", ex -> answer(ex, AdTopology.HOURLY_CTR_STORE, false));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange ex, String store, boolean spend) throws IOException {
        try {
            Map<String, String> q = params(ex.getRequestURI().getRawQuery());
            String campaign = q.get("campaign");
            if (campaign == null || !q.containsKey("from") || !q.containsKey("to")) {
                send(ex, 400, "{\"error\":\"campaign, from and to are required\"}");
                return;
            }
            long from = Long.parseLong(q.get("from"));
            long to = Long.parseLong(q.get("to"));
            if (to < from || to - from > MAX_RANGE_MS) {
                send(ex, 400, "{\"error\":\"from..to must span at most 7 days\"}");
                return;
            }
            send(ex, 200, new String(ResultJson.write(windows(store, campaign, from, to, spend)),
                    StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            send(ex, 400, "{\"error\":\"from and to are epoch milliseconds\"}");
        } catch (RuntimeException e) {
            send(ex, 503, "{\"error\":\"store not queryable now: " + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** The windows of one campaign whose start is in [from, to], from the local window store. */
    List<Object> windows(String store, String campaign, long from, long to, boolean spend) {
        // BEGIN SOLUTION step 8: the store as a ReadOnlyWindowStore<String, Counts> (StoreQueryParameters), fetch(campaign, from, to)
        List<Object> out = new ArrayList<>();
        ReadOnlyWindowStore<String, Counts> windows = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Counts>windowStore()));
        try (WindowStoreIterator<Counts> it = windows.fetch(campaign, Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to))) {
            while (it.hasNext()) {
                KeyValue<Long, Counts> w = it.next();
                Counts c = w.value;
                out.add(spend ? new MinuteSpend(campaign, w.key, c.impressions(), c.clicks(), c.spendMicros())
                        : new HourlyCtr(campaign, w.key, c.impressions(), c.clicks()));
            }
        }
        return out;
        // END SOLUTION
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                if (i > 0) {
                    m.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
