package dev.dataeng.common.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka cluster inside this JVM: KRaft brokers from Kafka's own test kit ({@link KafkaClusterTestKit}), on
 * loopback ports, data in a temporary folder deleted on {@link #close()}. About 2 s to start.
 *
 * <p>One broker: a single combined node (controller and broker), set up so that transactions and consumer groups
 * work on one node (replication factor 1 and min ISR 1 for the internal topics). Several brokers: one controller
 * plus that many brokers, so a broker can be stopped ({@link #stopBroker}) and started again without losing the
 * metadata quorum; internal topics then get replication factor min(3, brokers).
 *
 * <p>Retention is unlimited ({@code log.retention.ms=-1}): the generated events carry event times early in 2026,
 * and a topic with the default 7-day retention would delete them. On a real cluster, create the topics with
 * {@code retention.ms=-1} or move the generator's start ({@code AdConfig.withStart}).
 *
 * <p>Clients connect with {@link #bootstrapServers()} like to any cluster: a chapter's job takes that string from
 * its configuration and runs unchanged against a real one.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final int brokers;
    private final Map<String, String> brokerConfig;
    private KafkaClusterTestKit cluster;

    private EmbeddedKafka(int brokers, Map<String, String> brokerConfig) {
        this.brokers = brokers;
        this.brokerConfig = brokerConfig;
    }

    /** A cluster of one broker, not started yet. */
    public static EmbeddedKafka singleBroker() {
        return withBrokers(1);
    }

    /** A cluster of {@code brokers} brokers (1 to 5), not started yet. */
    public static EmbeddedKafka withBrokers(int brokers) {
        if (brokers < 1 || brokers > 5) {
            throw new IllegalArgumentException("brokers must be 1..5, was " + brokers);
        }
        int rf = Math.min(3, brokers);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", String.valueOf(rf));
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", String.valueOf(rf));
        config.put("transaction.state.log.min.isr", String.valueOf(Math.min(2, rf)));
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", String.valueOf(rf));
        config.put("share.coordinator.state.topic.min.isr", String.valueOf(Math.min(2, rf)));
        // The ad generator's events are stamped early in 2026: with the default 7-day retention a broker would
        // delete them within minutes of writing them. Keep everything; tests and demos are small.
        config.put("log.retention.ms", "-1");
        // A consumer group's first rebalance waits 3 s by default for more members: nothing to wait for here.
        config.put("group.initial.rebalance.delay.ms", "0");
        return new EmbeddedKafka(brokers, config);
    }

    /** Sets a broker property (e.g. {@code transaction.max.timeout.ms}) on every broker; call before {@link #start}. */
    public EmbeddedKafka brokerConfig(String key, String value) {
        if (cluster != null) {
            throw new IllegalStateException("set broker properties before start()");
        }
        brokerConfig.put(key, value);
        return this;
    }

    /** Formats the storage, starts the nodes and waits until every broker is ready. */
    public EmbeddedKafka start() {
        if (cluster != null) {
            return this;
        }
        try {
            // The test kit bootstraps with the newest *testing* metadata version and feature levels (unreleased
            // 4.3-IV0 in 4.2.1); a real 4.2.1 cluster runs the newest production ones. Idempotent producers here
            // met OutOfOrderSequenceException loops under load; run what a real cluster runs.
            Map<String, Short> features = new LinkedHashMap<>();
            Feature.PRODUCTION_FEATURES.forEach(f -> features.put(f.featureName(),
                    f.defaultLevel(MetadataVersion.LATEST_PRODUCTION)));
            TestKitNodes nodes = new TestKitNodes.Builder(
                    BootstrapMetadata.fromVersions(MetadataVersion.LATEST_PRODUCTION, features, "dataeng"))
                    .setCombined(brokers == 1)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(brokers)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            brokerConfig.forEach(builder::setConfigProp);
            KafkaClusterTestKit started = builder.build();
            formatQuietly(started);
            started.startup();
            started.waitForReadyBrokers();
            cluster = started;
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the in-JVM Kafka cluster", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka cluster: " + e.getMessage(), e);
        }
    }

    /**
     * The test kit's storage formatter prints two lines to {@code System.out} ("Bootstrap metadata: …", "Formatting
     * metadata directory …") and offers no way to send them elsewhere; in a CLI they would stand before the
     * command's own output. They are kept, and shown only if formatting fails.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } catch (Exception e) {
            throw new IllegalStateException("formatting the broker's storage failed: " + e.getMessage() + "\n"
                    + printed.toString(StandardCharsets.UTF_8), e);
        } finally {
            System.setOut(out);
        }
    }

    public boolean isRunning() {
        return cluster != null;
    }

    /** {@code host:port,…} of the brokers that are up now. */
    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** Ids of all brokers, running or stopped (0, 1, 2, … in the multi-broker layout). */
    public Set<Integer> brokerIds() {
        return new TreeSet<>(running().brokers().keySet());
    }

    /** Number of brokers this cluster was built with. */
    public int brokerCount() {
        return brokers;
    }

    /**
     * Stops one broker the way a crashed machine stops: its partitions' leadership moves to the other replicas. Only
     * in a multi-broker cluster (the single node also holds the controller).
     */
    public void stopBroker(int brokerId) {
        if (brokers == 1) {
            throw new IllegalStateException("a single-node cluster cannot stop its broker; use withBrokers(3)");
        }
        broker(brokerId).shutdown();
        broker(brokerId).awaitShutdown();
    }

    /** Starts a broker stopped with {@link #stopBroker} again; it rejoins and catches up as a follower. */
    public void startBroker(int brokerId) {
        broker(brokerId).startup();
    }

    /** A new admin client for this cluster (close it). */
    public Admin admin() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** The client property every client needs: {@code bootstrap.servers}. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /**
     * Creates a topic (replication factor min(3, brokers)) and waits until every broker knows it. Creating a topic
     * that exists is not an error. A test fixture: chapters that teach topic design create theirs with the Admin API.
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, (short) Math.min(3, brokers), Map.of());
    }

    public void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor).configs(configs)))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e);
                }
            }
            KafkaWait.until(Duration.ofSeconds(30), "every partition of topic " + name + " to have a leader",
                    () -> leadersKnown(admin, name, partitions));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("creating topic " + name + " took longer than 30 s", e);
        }
    }

    private static boolean leadersKnown(Admin admin, String topic, int partitions) {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
            return description.partitions().size() >= partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-JVM Kafka cluster: " + e.getMessage(), e);
        } finally {
            cluster = null;
        }
    }

    private KafkaClusterTestKit running() {
        if (cluster == null) {
            throw new IllegalStateException("the in-JVM Kafka cluster is not started");
        }
        return cluster;
    }

    private BrokerServer broker(int brokerId) {
        BrokerServer broker = running().brokers().get(brokerId);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + brokerId + "; brokers are " + brokerIds());
        }
        return broker;
    }
}
