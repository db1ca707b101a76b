package dev.dataeng.p10.platform;

import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.EmbeddedKafka;
import dev.dataeng.p10.billing.BillingEngine;
import dev.dataeng.p10.billing.EmbeddedRedis;
import dev.dataeng.p10.gateway.EventsGateway;
import dev.dataeng.p10.metrics.Metrics;
import com.sun.net.httpserver.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole platform in one process, for {@code demo} and {@code bench}: Kafka (in-JVM unless a bootstrap is
 * given), Redis (embedded unless a URL is given), the gateway, the billing engine with its metrics page, and two
 * Flink jobs — the lake sink and the speed layer — each on a local MiniCluster. Each component can be killed and
 * restarted, which is what the demo's {@code --kill-at} does.
 */
public final class Platform implements AutoCloseable {

    /** Endpoints (null: embedded) and ports (0: any free one). */
    public record Settings(String bootstrapServers, String redisUrl, Path lake, Path savepoints, int gatewayPort,
            int metricsPort, LongSupplier gatewayClock) {
    }

    private static final String LAKE_GROUP = "p10-lake";
    private static final String SPEED_GROUP = "p10-speed";

    private final Settings settings;
    private final Set<String> campaignIds;
    private EmbeddedKafka kafka;
    private EmbeddedRedis redis;
    private final String bootstrap;
    private final String redisUrl;
    private EventsGateway gateway;
    private BillingEngine billing;
    private HttpServer billingMetrics;
    private JobClient lakeJob;
    private JobClient speedJob;
    private int speedGeneration;
    private int port;

    public Platform(Settings settings, List<Campaign> catalogue) throws Exception {
        this.settings = settings;
        if (settings.bootstrapServers() == null) {
            kafka = EmbeddedKafka.singleBroker().start();
        }
        this.bootstrap = kafka != null ? kafka.bootstrapServers() : settings.bootstrapServers();
        if (settings.redisUrl() == null) {
            redis = EmbeddedRedis.start();
        }
        this.redisUrl = redis != null ? redis.url() : settings.redisUrl();
        Topics.create(bootstrap, 3);
        AdPublisher.publishCampaigns(bootstrap, Topics.CAMPAIGNS, catalogue);
        this.campaignIds = new java.util.TreeSet<>();
        catalogue.forEach(c -> campaignIds.add(c.campaignId()));
        billing = new BillingEngine(bootstrap, redisUrl, "p10-billing", Metrics.newRegistry());
        billingMetrics = Metrics.start(settings.metricsPort(), billing.registry());
        startGateway(settings.gatewayPort());
        lakeJob = PlatformJob.start(lakeOptions(), jobConfig());
        speedJob = PlatformJob.start(speedOptions(null), jobConfig());
    }

    /**
     * Checkpoints go to files next to the savepoints. Without a checkpoint directory Flink keeps them in the
     * JobManager's heap, which refuses a state larger than 5 MB: the speed layer's dedup state of a few hundred
     * thousand event ids already is, its checkpoints then fail, its Kafka offsets are no longer committed, and a
     * restart without state goes back to wherever the last successful checkpoint was.
     */
    private Configuration jobConfig() {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.savepoints().resolveSibling("checkpoints").toUri()
                .toString());
        return c;
    }

    private FlinkOptions lakeOptions() {
        return FlinkOptions.defaults(bootstrap, settings.lake().toString()).withCheckpointInterval(Duration.ofSeconds(2))
                .withGroupId(LAKE_GROUP).parts(false, true);
    }

    private FlinkOptions speedOptions(Map<Integer, Long> from) {
        FlinkOptions o = FlinkOptions.defaults(bootstrap, settings.lake().toString())
                .withCheckpointInterval(Duration.ofSeconds(2)).withGroupId(SPEED_GROUP).parts(true, false);
        return from == null ? o : o.startingAt(from);
    }

    private void startGateway(int p) {
        gateway = EventsGateway.start(EventsGateway.Config.defaults(bootstrap).withPort(p)
                .withClock(settings.gatewayClock()), campaignIds, Metrics.newRegistry());
        port = gateway.uri().getPort();
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public String redisUrl() {
        return redisUrl;
    }

    public EventsGateway gateway() {
        return gateway;
    }

    public BillingEngine billing() {
        return billing;
    }

    public String billingMetricsUrl() {
        return "http://127.0.0.1:" + billingMetrics.getAddress().getPort() + "/metrics";
    }

    /** Kill: the gateway process dies (in-flight requests fail, clients retry) and a new one starts on its port. */
    public void killGateway() {
        gateway.close();
        startGateway(port);
    }

    /** Kill: the billing engine dies and restarts; it resumes from its committed offsets. */
    public void killBilling() {
        billing.close();
        billing = new BillingEngine(bootstrap, redisUrl, "p10-billing", billing.registry());
    }

    /**
     * Kill: the speed layer dies. With {@code keepState} it restarts from a savepoint (state and offsets kept);
     * without, it restarts from the offsets it last committed, with empty dedup and window state (the Zomato
     * incident: counters reset).
     */
    public void killSpeed(boolean keepState) throws Exception {
        speedGeneration++;
        if (keepState) {
            String savepoint = speedJob.stopWithSavepoint(false, settings.savepoints().toUri().toString(),
                    SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
            Configuration restore = jobConfig();
            restore.set(ConfigOptions.key("execution.state-recovery.path").stringType().noDefaultValue(), savepoint);
            speedJob = PlatformJob.start(speedOptions(null), restore);
        } else {
            speedJob.cancel().get(1, TimeUnit.MINUTES);
            Map<Integer, Long> from = committed(SPEED_GROUP);
            speedJob = PlatformJob.start(speedOptions(from.size() == 3 ? from : null), jobConfig());
        }
    }

    /**
     * Waits until both Flink jobs have committed offsets at the end of {@code ad-events}, then stops them: the
     * speed layer draining (event time to its end: every window fires), the lake with a final savepoint (its last
     * files are committed).
     */
    public void drain(Duration bound) throws Exception {
        Map<Integer, Long> end = endOffsets();
        long deadline = System.currentTimeMillis() + bound.toMillis();
        while (!(reached(committed(LAKE_GROUP), end) && reached(committed(SPEED_GROUP), end))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the Flink jobs did not reach the end of ad-events within " + bound);
            }
            Thread.sleep(200);
        }
        speedJob.stopWithSavepoint(true, settings.savepoints().toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        lakeJob.stopWithSavepoint(false, settings.savepoints().toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        speedJob = null;
        lakeJob = null;
    }

    /**
     * Waits until the lake holds every record now on {@code ad-events}: the lake job committed offsets at least at
     * today's end offsets (it commits them when the checkpoint that also commits its files completes), then one
     * checkpoint interval more, so the file commits of that checkpoint are done too.
     */
    public void awaitLakeCommitted(Duration bound) throws Exception {
        Map<Integer, Long> end = endOffsets();
        long deadline = System.currentTimeMillis() + bound.toMillis();
        while (!reached(committed(LAKE_GROUP), end)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the lake job did not commit " + end + " within " + bound);
            }
            Thread.sleep(100);
        }
        Thread.sleep(lakeOptions().checkpointInterval().toMillis());
    }

    /** Whether the speed layer has committed offsets at the given end offsets (its input is read). */
    public boolean speedLayerReached(Map<Integer, Long> end) throws Exception {
        return reached(committed(SPEED_GROUP), end);
    }

    private static boolean reached(Map<Integer, Long> committed, Map<Integer, Long> end) {
        for (Map.Entry<Integer, Long> e : end.entrySet()) {
            if (e.getValue() > 0 && committed.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    public Map<Integer, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                ask.put(new TopicPartition(Topics.AD_EVENTS, p), OffsetSpec.latest());
            }
            Map<Integer, Long> out = new HashMap<>();
            admin.listOffsets(ask).all().get().forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            return out;
        }
    }

    private Map<Integer, Long> committed(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<Integer, Long> out = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            offsets.forEach((tp, om) -> {
                if (om != null && tp.topic().equals(Topics.AD_EVENTS)) {
                    out.put(tp.partition(), om.offset());
                }
            });
            return out;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @Override
    public void close() {
        for (JobClient job : new JobClient[] {speedJob, lakeJob}) {
            if (job != null) {
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // already gone
                }
            }
        }
        if (gateway != null) {
            gateway.close();
        }
        if (billing != null) {
            billing.close();
        }
        if (billingMetrics != null) {
            billingMetrics.stop(0);
        }
        if (redis != null) {
            redis.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
