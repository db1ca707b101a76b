package dev.dataeng.p07.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The registry's state, kept where Confluent's registry keeps it: on a compacted, single-partition Kafka topic
 * ({@code _schemas}). Every change is a record (key {@code {"keytype":"SCHEMA","subject":…,"version":…}} or
 * {@code {"keytype":"CONFIG","subject":…}}, value the JSON of the entry), written with {@code acks=all} before it is
 * applied in memory; at start the store replays the topic. Compaction keeps the last record per key, so the topic
 * stays as small as the registry's state. One writer (this process) — the real registry elects a leader for that.
 */
public final class SchemaStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One registered version of a subject. */
    public record Version(String subject, int version, int id, String schema) {
    }

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, TreeMap<Integer, Version>> subjects = new LinkedHashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

    public SchemaStore(String bootstrapServers, String topic) {
        this.topic = topic;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        replay(bootstrapServers);
    }

    public synchronized List<String> subjects() {
        return new ArrayList<>(subjects.keySet());
    }

    public synchronized List<Version> versions(String subject) {
        TreeMap<Integer, Version> v = subjects.get(subject);
        return v == null ? null : new ArrayList<>(v.values());
    }

    public synchronized String schemaById(int id) {
        return schemasById.get(id);
    }

    public synchronized CompatibilityLevel level(String subject) {
        return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** Finds {@code schema} among a subject's versions (same canonical form), or null. */
    public synchronized Version lookup(String subject, Schema schema) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return null;
        }
        String canonical = canonical(schema);
        return versions.values().stream().filter(v -> canonical(new Schema.Parser().parse(v.schema()))
                .equals(canonical)).findFirst().orElse(null);
    }

    /**
     * Registers {@code schema} under {@code subject}: the existing version when it is already there, otherwise a
     * new version (and a new global id, unless another subject has the same schema), after the compatibility check.
     */
    public synchronized Version register(String subject, Schema schema) {
        Version existing = lookup(subject, schema);
        if (existing != null) {
            return existing;
        }
        List<Schema> earlier = new ArrayList<>();
        TreeMap<Integer, Version> versions = subjects.getOrDefault(subject, new TreeMap<>());
        versions.values().forEach(v -> earlier.add(new Schema.Parser().parse(v.schema())));
        List<String> problems = CompatibilityCheck.problems(level(subject), schema, earlier);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(409, 409, "Schema being registered is incompatible with an earlier"
                    + " schema for subject \"" + subject + "\" (" + level(subject) + "): " + String.join("; ", problems));
        }
        String canonical = canonical(schema);
        int id = idsByCanonical.getOrDefault(canonical,
                schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        Version v = new Version(subject, version, id, schema.toString());
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject)
                .put("version", version).put("magic", 1);
        ObjectNode value = JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", v.schema()).put("deleted", false);
        write(key, value);
        apply(key, value);
        return v;
    }

    public synchronized void setLevel(String subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject).put("magic", 0);
        ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
        write(key, value);
        apply(key, value);
    }

    private void write(ObjectNode key, ObjectNode value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, JSON.writeValueAsBytes(key), JSON.writeValueAsBytes(value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot store the change on " + topic + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException | IOException e) {
            throw new IllegalStateException("cannot store the change on " + topic + ": " + e, e);
        }
    }

    private void apply(JsonNode key, JsonNode value) {
        String keytype = key.path("keytype").asText();
        if (keytype.equals("SCHEMA")) {
            if (value == null || value.path("deleted").asBoolean(false)) {
                return;
            }
            Version v = new Version(value.get("subject").asText(), value.get("version").asInt(),
                    value.get("id").asInt(), value.get("schema").asText());
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
            schemasById.put(v.id(), v.schema());
            idsByCanonical.put(canonical(new Schema.Parser().parse(v.schema())), v.id());
        } else if (keytype.equals("CONFIG") && value != null) {
            CompatibilityLevel level = CompatibilityLevel.valueOf(value.get("compatibilityLevel").asText());
            JsonNode subject = key.get("subject");
            if (subject == null || subject.isNull()) {
                globalLevel = level;
            } else {
                subjectLevels.put(subject.asText(), level);
            }
        }
    }

    private void replay(String bootstrapServers) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the registry's topic " + topic + " took over 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(JSON.readTree(r.key()), r.value() == null ? null : JSON.readTree(r.value()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the registry's topic " + topic + " holds a record that is no JSON", e);
        }
    }

    /** The schema's full JSON as Avro prints it (not the Parsing Canonical Form: that drops defaults and docs). */
    private static String canonical(Schema schema) {
        return schema.toString();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
