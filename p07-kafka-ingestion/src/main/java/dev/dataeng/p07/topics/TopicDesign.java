package dev.dataeng.p07.topics;

import dev.dataeng.common.kafka.KafkaWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topics as the unit of design: created from {@link TopicSpec}s with the Admin API, idempotently, and described. */
public final class TopicDesign {
    private TopicDesign() {
    }

    /** What {@link #ensure} did for one topic. */
    public enum Outcome { CREATED, EXISTS }

    /** The chapter's topics on a cluster of {@code brokers} brokers. */
    public static List<TopicSpec> chapterTopics(int partitions, int brokers) {
        int rf = Math.min(3, brokers);
        return List.of(
                TopicSpec.eventStream(Topics.AD_EVENTS, partitions, rf, -1),
                TopicSpec.eventStream(Topics.DEAD_LETTERS, 1, rf, -1),
                TopicSpec.changelog(Topics.CAMPAIGNS, partitions, rf),
                TopicSpec.changelog(Topics.SCHEMAS, 1, rf));
    }

    /**
     * Creates each topic that does not exist yet, with its partitions, replication factor and configs; a topic that
     * exists is left as it is (running this twice changes nothing). Waits for the cluster's answer.
     */
    public static Map<String, Outcome> ensure(Admin admin, Collection<TopicSpec> specs) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        // BEGIN SOLUTION step 1: one NewTopic per spec (partitions, replication factor, configs); createTopics, and treat TopicExistsException as "already there"
        for (TopicSpec spec : specs) {
            NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                    .configs(spec.configs());
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                out.put(spec.name(), Outcome.CREATED);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    out.put(spec.name(), Outcome.EXISTS);
                } else {
                    throw new IllegalStateException("cannot create topic " + spec.name() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + spec.name(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic " + spec.name() + " took more than 30 s", e);
            }
        }
        // END SOLUTION
        // createTopics returns when the controller has the topic; wait until the brokers serve every partition.
        for (TopicSpec spec : specs) {
            KafkaWait.until(Duration.ofSeconds(30), "every partition of " + spec.name() + " to have a leader",
                    () -> leadersKnown(admin, spec));
        }
        return out;
    }

    private static boolean leadersKnown(Admin admin, TopicSpec spec) {
        TopicInfo info = describe(admin, spec.name());
        return info.partitions().size() >= spec.partitions()
                && info.partitions().stream().allMatch(p -> p.leader() >= 0);
    }

    /** A topic's partitions (leader, replicas, ISR) and its non-default configs. */
    public static TopicInfo describe(Admin admin, String topic) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            List<TopicInfo.PartitionInfo> partitions = new ArrayList<>();
            d.partitions().forEach(p -> partitions.add(new TopicInfo.PartitionInfo(p.partition(),
                    p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id(),
                    p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList())));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            Map<String, String> configs = new LinkedHashMap<>();
            for (ConfigEntry e : config.entries()) {
                if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    configs.put(e.name(), e.value());
                }
            }
            return new TopicInfo(topic, partitions, configs);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("describing topic " + topic + " took more than 30 s", e);
        }
    }
}
