package dev.dataeng.p07.cli;

import dev.dataeng.common.kafka.EmbeddedKafka;
import dev.dataeng.p07.registry.EmbeddedSchemaRegistry;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.topics.TopicDesign;
import dev.dataeng.p07.topics.Topics;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Where a command runs: the given cluster and registry, or an in-JVM Kafka cluster (common's {@link EmbeddedKafka})
 * and an embedded registry started for this run. Closing stops what was started.
 */
public final class Env implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final String bootstrapServers;
    private final SchemaRegistryClient client;
    private final int brokers;

    private Env(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, String bootstrapServers, String registryUrl,
            int brokers) {
        this.kafka = kafka;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.client = registryUrl == null ? null : new SchemaRegistryClient(registryUrl);
        this.brokers = brokers;
    }

    /** Connects (or starts the in-JVM cluster), creates the chapter's topics, and finds or starts a registry. */
    public static Env open(ClusterOptions options, boolean needsRegistry, PrintStream out) {
        EmbeddedKafka kafka = null;
        String bootstrap = options.bootstrapServers;
        if (bootstrap == null) {
            kafka = EmbeddedKafka.singleBroker().start();
            bootstrap = kafka.bootstrapServers();
            out.println("in-JVM Kafka cluster (1 broker) at " + bootstrap + " (stops when this command ends)");
        }
        int brokers;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            brokers = admin.describeCluster().nodes().get(30, java.util.concurrent.TimeUnit.SECONDS).size();
            int rf = options.replicationFactor > 0 ? options.replicationFactor : brokers;
            TopicDesign.ensure(admin, TopicDesign.chapterTopics(options.partitions, rf));
        } catch (Exception e) {
            if (kafka != null) {
                kafka.close();
            }
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
        EmbeddedSchemaRegistry registry = null;
        String url = options.registryUrl;
        if (url == null && needsRegistry) {
            registry = EmbeddedSchemaRegistry.start(bootstrap, Topics.SCHEMAS, options.registryPort);
            url = registry.url();
            out.println("embedded schema registry at " + url + " (schemas on topic " + Topics.SCHEMAS + ")");
        }
        return new Env(kafka, registry, bootstrap, url, brokers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public SchemaRegistryClient registry() {
        return client;
    }

    public int brokers() {
        return brokers;
    }

    public boolean inJvm() {
        return kafka != null;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public List<String> topics() {
        return List.of(Topics.AD_EVENTS, Topics.DEAD_LETTERS, Topics.CAMPAIGNS, Topics.SCHEMAS);
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
