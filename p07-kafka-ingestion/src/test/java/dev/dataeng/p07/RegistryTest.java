package dev.dataeng.p07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.p07.avro.AdEventAvro;
import dev.dataeng.p07.registry.CompatibilityLevel;
import dev.dataeng.p07.registry.EmbeddedSchemaRegistry;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.registry.SchemaRegistryException;
import dev.dataeng.p07.serde.AdEventDecoder;
import dev.dataeng.p07.serde.AdEventSerializer;
import dev.dataeng.p07.serde.WireFormat;
import dev.dataeng.p07.topics.TopicDesign;
import dev.dataeng.p07.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    static final AdEvent EVENT = new AdEvent("imp-1", dev.dataeng.common.ads.EventType.IMPRESSION, "cmp-0001", "u-1",
            "imp-1", 1_767_607_200_000L);

    static EmbeddedSchemaRegistry registry;
    static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        Pipeline.chapterTopics(KAFKA.cluster(), 1);
        registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), Topics.SCHEMAS, 0);
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** Version 1 with one field changed by {@code edit} (a JSON tree edit of the schema). */
    static Schema v1With(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ArrayNode> edit) {
        try {
            ObjectMapper json = new ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) json
                    .readTree(AdEventAvro.V1.toString());
            edit.accept((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("fields"));
            return new Schema.Parser().parse(tree.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Schema withPlacement(boolean withDefault) {
        return v1With(fields -> {
            var f = fields.addObject().put("name", "placement").put("type", "string");
            if (withDefault) {
                f.put("default", "feed");
            }
        });
    }

    @Test
    @Checklist(id = "E5", points = 2)
    @DisplayName("the registry speaks Confluent's REST API: register returns a global id (same schema, same id), subjects, versions, schema by id, 404 codes 40401/40403; the wire format is magic 0 + 4-byte id + Avro")
    void registryRestApiAndWireFormat() {
        int id = client.register("rest-value", AdEventAvro.V1);
        assertThat(client.register("rest-value", AdEventAvro.V1)).as("registering the same schema again").isEqualTo(id);
        assertThat(new SchemaRegistryClient(registry.url()).register("rest-other-value", AdEventAvro.V1))
                .as("the same schema under another subject (ids are global, by schema)").isEqualTo(id);
        assertThat(client.subjects()).as("GET /subjects").contains("rest-value", "rest-other-value");
        assertThat(client.versions("rest-value")).as("GET /subjects/rest-value/versions").containsExactly(1);
        assertThat(client.version("rest-value", "latest").id()).as("latest version's id").isEqualTo(id);
        assertThat(client.lookup("rest-value", AdEventAvro.V1).version()).as("POST /subjects/rest-value lookup")
                .isEqualTo(1);
        assertThat(new SchemaRegistryClient(registry.url()).schemaById(id)).as("GET /schemas/ids/" + id)
                .isEqualTo(AdEventAvro.V1);
        assertThat(client.compatibility("rest-value")).as("default compatibility level")
                .isEqualTo(CompatibilityLevel.BACKWARD);

        SchemaRegistryException noId = catchThrowableOfType(SchemaRegistryException.class,
                () -> new SchemaRegistryClient(registry.url()).schemaById(999_999));
        assertThat(noId).as("GET /schemas/ids/999999 must fail").isNotNull();
        assertThat(noId.status()).as("status of an unknown id").isEqualTo(404);
        assertThat(noId.errorCode()).as("error_code of an unknown id").isEqualTo(40403);
        SchemaRegistryException noSubject = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.versions("no-such-subject"));
        assertThat(noSubject.errorCode()).as("error_code of an unknown subject").isEqualTo(40401);

        byte[] bytes = new AdEventSerializer(client).serialize("rest", EVENT);
        assertThat(bytes[0]).as("magic byte").isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("bytes 1-4: the schema id, big-endian").isEqualTo(id);
        assertThatThrownBy(() -> WireFormat.unframe(new byte[] {(byte) 0xFF, 0, 0, 0, 1, 2}))
                .as("a first byte that is not the magic byte").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Checklist(id = "E6", points = 3)
    @DisplayName("BACKWARD evolution: adding a field with a default is accepted as version 2; a v2 consumer reads v1 events (default filled in) and a v1 consumer reads v2 events")
    void addingAFieldWithADefaultEvolves() throws Exception {
        String topic = "evolve";
        AdEventSerializer v1Writer = new AdEventSerializer(client);
        byte[] v1Bytes = v1Writer.serialize(topic, EVENT);
        Schema v2 = withPlacement(true);
        assertThat(client.incompatibilities(AdEventSerializer.subject(topic), v2))
                .as("compatibility check of v2 (placement with a default) against v1").isEmpty();
        int v2Id = client.register(AdEventSerializer.subject(topic), v2);
        assertThat(client.versions(AdEventSerializer.subject(topic))).as("versions after registering v2")
                .containsExactly(1, 2);
        assertThat(v2Id).as("v2's id differs from v1's").isNotEqualTo(client.version(
                AdEventSerializer.subject(topic), "1").id());

        GenericRecord newEvent = new GenericData.Record(v2);
        AdEventAvro.toRecord(EVENT).getSchema().getFields().forEach(f -> newEvent.put(f.name(),
                AdEventAvro.toRecord(EVENT).get(f.name())));
        newEvent.put("type", new GenericData.EnumSymbol(v2.getField("type").schema(), "IMPRESSION"));
        newEvent.put("placement", "search");
        byte[] v2Bytes = new AdEventSerializer(client, v2).serialize(topic, newEvent);

        AdEvent oldReadsNew = new AdEventDecoder(new SchemaRegistryClient(registry.url())).decode(v2Bytes);
        assertThat(oldReadsNew).as("a v1 consumer reading a v2 event (the new field is skipped)").isEqualTo(EVENT);
        GenericRecord newReadsOld = new AdEventDecoder(new SchemaRegistryClient(registry.url()), v2)
                .decodeRecord(v1Bytes);
        assertThat(String.valueOf(newReadsOld.get("placement"))).as("a v2 consumer reading a v1 event: placement"
                + " takes its default").isEqualTo("feed");
        assertThat(AdEventAvro.fromRecord(newReadsOld)).as("the v1 fields as a v2 consumer reads them")
                .isEqualTo(EVENT);
    }

    @Test
    @Checklist(id = "E7", points = 2)
    @DisplayName("incompatible changes are refused with 409 and a message naming the problem: a new field without default, a changed type; under FORWARD a removed field without default")
    void incompatibleChangesAreRefused() {
        String subject = "refuse-value";
        client.register(subject, AdEventAvro.V1);

        SchemaRegistryException noDefault = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(subject, withPlacement(false)));
        assertThat(noDefault).as("registering a new field without a default under BACKWARD must be refused")
                .isNotNull();
        assertThat(noDefault.status()).as("HTTP status").isEqualTo(409);
        assertThat(noDefault.getMessage()).as("message").contains("placement");

        Schema typeChanged = v1With(fields -> fields.forEach(f -> {
            if (f.get("name").asText().equals("user_id")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("type", "long");
            }
        }));
        SchemaRegistryException changed = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(subject, typeChanged));
        assertThat(changed).as("registering user_id as long instead of string must be refused").isNotNull();
        assertThat(changed.getMessage()).as("message").contains("user_id");
        assertThat(client.incompatibilities(subject, typeChanged)).as("POST /compatibility answer").isNotEmpty();

        client.setCompatibility(subject, CompatibilityLevel.FORWARD);
        assertThat(client.compatibility(subject)).as("subject level after PUT /config").isEqualTo(
                CompatibilityLevel.FORWARD);
        Schema removed = v1With(fields -> {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).get("name").asText().equals("user_id")) {
                    fields.remove(i);
                    return;
                }
            }
        });
        SchemaRegistryException gone = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(subject, removed));
        assertThat(gone).as("under FORWARD, removing user_id (no default) must be refused: v1 consumers need it")
                .isNotNull();
        assertThat(gone.getMessage()).as("message").contains("user_id");
        assertThat(client.versions(subject)).as("versions after three refusals").containsExactly(1);
    }

    @Test
    @Checklist(id = "E8", points = 2)
    @DisplayName("the registry keeps its state on the compacted _schemas topic: a new registry process on the same cluster answers the same ids, versions and levels")
    void registryStateLivesOnACompactedTopic() throws Exception {
        String subject = "durable-value";
        int v1 = client.register(subject, AdEventAvro.V1);
        int v2 = client.register(subject, withPlacement(true));
        client.setCompatibility(subject, CompatibilityLevel.FULL);
        try (Admin admin = KAFKA.cluster().admin()) {
            assertThat(TopicDesign.describe(admin, Topics.SCHEMAS).configs()).as("configs of " + Topics.SCHEMAS)
                    .containsEntry("cleanup.policy", "compact");
        }
        List<ConsumerRecord<byte[], byte[]>> stored = KafkaTopics.readAll(KAFKA.bootstrapServers(), Topics.SCHEMAS,
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
        ObjectMapper json = new ObjectMapper();
        long schemaRecords = 0;
        for (ConsumerRecord<byte[], byte[]> r : stored) {
            JsonNode key = json.readTree(r.key());
            if (key.path("keytype").asText().equals("SCHEMA") && key.path("subject").asText().equals(subject)) {
                schemaRecords++;
            }
        }
        assertThat(schemaRecords).as("SCHEMA records of " + subject + " on " + Topics.SCHEMAS).isEqualTo(2);

        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), Topics.SCHEMAS,
                0)) {
            SchemaRegistryClient other = new SchemaRegistryClient(second.url());
            assertThat(other.versions(subject)).as("versions known to a fresh registry").containsExactly(1, 2);
            assertThat(other.schemaById(v1)).as("schema " + v1 + " from a fresh registry").isEqualTo(AdEventAvro.V1);
            assertThat(other.version(subject, "2").id()).as("id of version 2 in a fresh registry").isEqualTo(v2);
            assertThat(other.compatibility(subject)).as("level of " + subject + " in a fresh registry")
                    .isEqualTo(CompatibilityLevel.FULL);
            assertThat(other.register("fresh-value", withPlacement(false))).as("a new schema gets a new id, not a"
                    + " reused one").isNotIn(v1, v2);
        }
    }
}
