package dev.dataeng.p07.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (the subset producers and consumers need), on the JDK's
 * {@link HttpClient}. Works against this chapter's {@link EmbeddedSchemaRegistry}, Confluent's registry, Karapace,
 * or Apicurio's ccompat API (give it {@code http://host:8080/apis/ccompat/v7}). Ids and schemas are immutable once
 * registered, so both lookups are cached: a producer asks once per schema, a consumer once per id.
 */
public final class SchemaRegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String baseUrl;
    private final HttpClient http;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    public int register(String subject, Schema schema) {
        return idBySubjectAndSchema.computeIfAbsent(subject + "\u0000" + schema, k -> {
            JsonNode answer = call("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema));
            int id = answer.get("id").asInt();
            byId.putIfAbsent(id, schema);
            return id;
        });
    }

    /** The schema with global id {@code id}; a {@link SchemaRegistryException} 40403 when there is none. */
    public Schema schemaById(int id) {
        return byId.computeIfAbsent(id, i -> new Schema.Parser()
                .parse(call("GET", "/schemas/ids/" + i, null).get("schema").asText()));
    }

    /** The registered form of {@code schema} under {@code subject}: its version and id. */
    public SchemaStore.Version lookup(String subject, Schema schema) {
        return version(call("POST", "/subjects/" + enc(subject), schemaBody(schema)));
    }

    /** A version ({@code "latest"} or a number) of a subject. */
    public SchemaStore.Version version(String subject, String version) {
        return version(call("GET", "/subjects/" + enc(subject) + "/versions/" + version, null));
    }

    public List<String> subjects() {
        List<String> out = new ArrayList<>();
        call("GET", "/subjects", null).forEach(n -> out.add(n.asText()));
        return out;
    }

    public List<Integer> versions(String subject) {
        List<Integer> out = new ArrayList<>();
        call("GET", "/subjects/" + enc(subject) + "/versions", null).forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** Whether {@code schema} could be registered next under {@code subject}; the reasons when not. */
    public List<String> incompatibilities(String subject, Schema schema) {
        JsonNode answer = call("POST", "/compatibility/subjects/" + enc(subject) + "/versions/latest",
                schemaBody(schema));
        List<String> out = new ArrayList<>();
        if (!answer.path("is_compatible").asBoolean()) {
            answer.path("messages").forEach(n -> out.add(n.asText()));
            if (out.isEmpty()) {
                out.add("not compatible");
            }
        }
        return out;
    }

    /** Sets the compatibility level of a subject (or the global one when {@code subject} is null). */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", subject == null ? "/config" : "/config/" + enc(subject),
                JSON.createObjectNode().put("compatibility", level.name()).toString());
    }

    public CompatibilityLevel compatibility(String subject) {
        try {
            return CompatibilityLevel.valueOf(call("GET", subject == null ? "/config" : "/config/" + enc(subject),
                    null).get("compatibilityLevel").asText());
        } catch (SchemaRegistryException e) {
            if (subject != null && e.status() == 404) {
                return compatibility(null); // Confluent answers 404 for a subject without its own level
            }
            throw e;
        }
    }

    private static SchemaStore.Version version(JsonNode n) {
        return new SchemaStore.Version(n.get("subject").asText(), n.get("version").asInt(), n.get("id").asInt(),
                n.get("schema").asText());
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new SchemaRegistryException(response.statusCode(), answer.path("error_code").asInt(
                        response.statusCode()), answer.path("message").asText("no message"));
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("schema registry at " + baseUrl + " did not answer " + method + " " + path
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
