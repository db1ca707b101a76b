package dev.dataeng.common.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The in-JVM Kafka cluster of a test class: started once before its first test, stopped after its last.
 * <pre>
 * &#64;RegisterExtension
 * static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
 * ...
 * String servers = KAFKA.bootstrapServers();
 * </pre>
 * {@link #brokers(int)} gives a cluster whose brokers a test can stop and start ({@link EmbeddedKafka#stopBroker}).
 * Nested test classes share their outer class's cluster. Give each test its own topic names (or groups), since the
 * tests of a class share the cluster.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final EmbeddedKafka kafka;
    private String owner;

    private KafkaClusterExtension(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    /** One combined KRaft node, transactions enabled: what most tests need. */
    public static KafkaClusterExtension singleBroker() {
        return new KafkaClusterExtension(EmbeddedKafka.singleBroker());
    }

    /** One controller and {@code count} brokers. */
    public static KafkaClusterExtension brokers(int count) {
        return new KafkaClusterExtension(EmbeddedKafka.withBrokers(count));
    }

    /** A broker property for every broker, e.g. {@code transaction.max.timeout.ms}. */
    public KafkaClusterExtension brokerConfig(String key, String value) {
        kafka.brokerConfig(key, value);
        return this;
    }

    public EmbeddedKafka cluster() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (owner == null) {
            owner = context.getUniqueId();
            kafka.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            owner = null;
            kafka.close();
        }
    }
}
