package dev.dataeng.p09.streams;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@code kafka-streams-application-reset} does, with the Admin API, so a fixed application can reprocess its
 * input from the start: (1) the application's group goes back to the earliest offsets of its input topics, (2) its
 * internal topics (state changelogs, repartition topics) are deleted, so no old state is restored. (3) The local
 * state directory is wiped by {@code KafkaStreams.cleanUp()} before the next start. The application must be stopped.
 */
public final class StreamsReset {
    private StreamsReset() {
    }

    /** Steps 1 and 2; returns the internal topics deleted. */
    public static Set<String> reset(Admin admin, String applicationId, List<String> inputTopics) {
        try {
            return resetOffsetsAndDeleteInternalTopics(admin, applicationId, inputTopics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reset application " + applicationId
                    + " (is an instance still running?): " + e.getMessage(), e);
        }
    }

    private static Set<String> resetOffsetsAndDeleteInternalTopics(Admin admin, String applicationId,
            List<String> inputTopics) throws InterruptedException, ExecutionException, TimeoutException {
        // BEGIN SOLUTION step 9: (1) alterConsumerGroupOffsets(applicationId, earliest offsets of every input partition); (2) delete the topics named "<applicationId>-…-changelog" / "-repartition"
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        admin.describeTopics(inputTopics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, d) ->
                d.partitions().forEach(p -> earliest.put(new TopicPartition(topic, p.partition()),
                        OffsetSpec.earliest())));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(applicationId, offsets).all().get(30, TimeUnit.SECONDS);
        Set<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(applicationId + "-")
                        && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .collect(Collectors.toSet());
        admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
        return internal;
        // END SOLUTION
    }
}
