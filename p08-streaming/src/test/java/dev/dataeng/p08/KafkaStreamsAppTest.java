package dev.dataeng.p08;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.p08.kstreams.AdStreamsApp;
import dev.dataeng.p08.kstreams.Emission;
import dev.dataeng.p08.kstreams.QueryServer;
import dev.dataeng.p08.model.ConsumerLag;
import dev.dataeng.p08.model.HourlyCtr;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.Query;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kafka Streams applications on the in-JVM broker: RocksDB state with changelogs, interactive queries over HTTP. */
class KafkaStreamsAppTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
    static final AdInput INPUT = AdInput.standard();
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            false);
    static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    static void awaitCaughtUp(String app, String topic) {
        awaitCaughtUp(KAFKA.bootstrapServers(), app, topic);
    }

    /** Waits (bounded) until the application has committed every record of its input and repartition topics. */
    static void awaitCaughtUp(String bootstrap, String app, String topic) {
        Awaitility.await(app + " to commit every record of " + topic + " (and of its repartition topics)")
                .atMost(BOUND).pollInterval(Duration.ofMillis(300))
                .until(() -> ConsumerLag.ofApplication(bootstrap, app, topic) == 0);
    }

    static <T> List<T> get(HttpClient http, int port, String path, TypeReference<List<T>> type) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s answered %s", path, r.body()).isEqualTo(200);
        return JSON.readValue(r.body(), type);
    }

    static List<MinuteSpend> minuteSpendOverHttp(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<MinuteSpend> all = new ArrayList<>();
        for (String campaign : INPUT.rateCard.campaignIds()) {
            all.addAll(get(http, port, "/minute-spend?campaign=" + campaign + "&from=" + (INPUT.generator.config().startMs() - 3_600_000L) + "&to=" + INPUT.lastRealEventMs,
                    new TypeReference<List<MinuteSpend>>() { }));
        }
        return all;
    }

    @Test
    @Checklist(id = "E16", points = 3)
    @DisplayName("Kafka Streams interactive queries: the application's window stores, asked over HTTP per campaign, answer the oracle's minute spend and hourly counts")
    void interactiveQueriesOverHttp() throws Exception {
        KAFKA.cluster().createTopic("events", AdInput.PARTITIONS);
        INPUT.publish(KAFKA.bootstrapServers(), "events");
        try (AdStreamsApp app = new AdStreamsApp("p08-iq", KAFKA.bootstrapServers(), stateDir, "events",
                Map.of(Query.TUMBLING, "iq.tumbling", Query.SLIDING, "iq.sliding"), INPUT.rateCard, Emission.FINAL)
                .start(BOUND); QueryServer server = new QueryServer(app.streams(), 0)) {
            awaitCaughtUp("p08-iq", "events");
            Expect.sameRows("minute spend from GET /minute-spend", Oracle.minuteSpend(
                    INPUT.realEvents(), INPUT.rateCard), minuteSpendOverHttp(server.port()),
                    Keys::of, "QueryServer.windows: fetch(campaign, from, to) on the ReadOnlyWindowStore named "
                            + "AdTopology.MINUTE_SPEND_STORE (the aggregate must be materialized under that name)");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<HourlyCtr> hours = new ArrayList<>();
            for (String campaign : INPUT.rateCard.campaignIds()) {
                hours.addAll(get(http, server.port(), "/hourly-ctr?campaign=" + campaign + "&from="
                        + (INPUT.generator.config().startMs() - 3_600_000L) + "&to=" + INPUT.lastRealEventMs, new TypeReference<List<HourlyCtr>>() { }));
            }
            Expect.sameRows("hourly counts from GET /hourly-ctr", Oracle.hourlyCtr(INPUT.realEvents()),
                    hours, Keys::of, "QueryServer.windows on AdTopology.HOURLY_CTR_STORE");
        }
    }

    @Test
    @Checklist(id = "E17", points = 3)
    @DisplayName("Kafka Streams state restore: stopped halfway with its local state deleted, the application restores its windows from the changelog and ends with the oracle's answer")
    void restoresFromChangelog() throws Exception {
        KAFKA.cluster().createTopic("events-halves", AdInput.PARTITIONS);
        int half = INPUT.records.size() / 2;
        List<AdRecord> first = INPUT.records.subList(0, half);
        List<AdRecord> rest = INPUT.records.subList(half, INPUT.records.size());
        Map<Query, String> out = Map.of(Query.TUMBLING, "restore.tumbling");
        AdPublisher.publish(KAFKA.bootstrapServers(), "events-halves", first.iterator());
        AdStreamsApp before = new AdStreamsApp("p08-restore", KAFKA.bootstrapServers(), stateDir, "events-halves",
                out, INPUT.rateCard, Emission.FINAL).start(BOUND);
        awaitCaughtUp("p08-restore", "events-halves");
        before.stop(true); // a new machine: no local state

        AdPublisher.publish(KAFKA.bootstrapServers(), "events-halves", rest.iterator());
        try (AdStreamsApp after = new AdStreamsApp("p08-restore", KAFKA.bootstrapServers(), stateDir,
                "events-halves", out, INPUT.rateCard, Emission.FINAL).start(BOUND);
                QueryServer server = new QueryServer(after.streams(), 0)) {
            awaitCaughtUp("p08-restore", "events-halves");
            assertThat(after.restoredRecords()).as("the restarted instance had no local state: it must have restored "
                    + "its stores from their changelog topics").isPositive();
            List<MinuteSpend> expected = Oracle.minuteSpend(INPUT.realEvents(), INPUT.rateCard);
            Expect.sameRows("final minute spend on the output topic after the restart", expected,
                    Results.fromTopic(KAFKA.bootstrapServers(), "restore.tumbling", MinuteSpend.class).stream()
                            .filter(m -> INPUT.isRealWindow(m.windowStartMs())).toList(), Keys::of,
                    "windows open at the stop continue from the restored store (and suppression buffer): the "
                            + "aggregation must be a keyed, changelogged state store, not a field of the JVM");
            Expect.sameRows("minute spend from GET /minute-spend after the restart", expected,
                    minuteSpendOverHttp(server.port()), Keys::of, "the restored store answers interactive queries");
        }
    }
}
