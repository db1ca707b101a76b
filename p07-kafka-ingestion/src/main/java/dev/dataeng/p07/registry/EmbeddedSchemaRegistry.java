package dev.dataeng.p07.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A schema registry server for Avro that speaks the subset of the Confluent Schema Registry REST API this chapter
 * uses, served by the JDK's {@link HttpServer} and stored in a {@link SchemaStore} (a compacted Kafka topic):
 * <pre>
 * GET  /subjects                                   GET  /schemas/ids/{id}
 * GET  /subjects/{subject}/versions                POST /subjects/{subject}/versions        {"schema": "…"} → {"id": n}
 * GET  /subjects/{subject}/versions/{n|latest}     POST /subjects/{subject}                 lookup → {subject, version, id, schema}
 * POST /compatibility/subjects/{subject}/versions/{n|latest}  → {"is_compatible": b, "messages": […]}
 * GET  /config[/{subject}] → {"compatibilityLevel": …}     PUT /config[/{subject}] {"compatibility": …}
 * </pre>
 * Errors are {@code {"error_code": …, "message": …}} with Confluent's codes. Good for a laptop and tests; in
 * production you run Confluent's registry, Apicurio (its {@code /apis/ccompat/v7} API) or Karapace, and
 * {@link SchemaRegistryClient} talks to them unchanged.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final SchemaStore store;
    private final HttpServer server;
    private final ExecutorService executor;

    private EmbeddedSchemaRegistry(SchemaStore store, HttpServer server, ExecutorService executor) {
        this.store = store;
        this.server = server;
        this.executor = executor;
    }

    /** Starts a registry on {@code 127.0.0.1:port} (0: any free port), its state on {@code topic} (must exist). */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, int port) {
        SchemaStore store = new SchemaStore(bootstrapServers, topic);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "schema-registry-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(store, server, executor);
            server.createContext("/", registry::handle);
            server.start();
            return registry;
        } catch (IOException e) {
            store.close();
            throw new IllegalStateException("cannot start the schema registry on port " + port + ": " + e, e);
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String[] p = exchange.getRequestURI().getRawPath().replaceAll("^/+|/+$", "").split("/");
            for (int i = 0; i < p.length; i++) {
                p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
            }
            String method = exchange.getRequestMethod();
            JsonNode body = method.equals("GET") ? null : readBody(exchange);
            JsonNode answer = route(method, p, body);
            send(exchange, 200, answer);
        } catch (SchemaRegistryException e) {
            ObjectNode error = JSON.createObjectNode().put("error_code", e.errorCode())
                    .put("message", e.getMessage().replaceAll(" \\(HTTP \\d+, error_code \\d+\\)$", ""));
            send(exchange, e.status(), error);
        } catch (RuntimeException e) {
            send(exchange, 500, JSON.createObjectNode().put("error_code", 50001).put("message", String.valueOf(e)));
        }
    }

    private JsonNode route(String method, String[] p, JsonNode body) {
        if (p.length == 1 && p[0].equals("subjects") && method.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            store.subjects().forEach(out::add);
            return out;
        }
        if (p.length == 3 && p[0].equals("schemas") && p[1].equals("ids") && method.equals("GET")) {
            String schema = store.schemaById(Integer.parseInt(p[2]));
            if (schema == null) {
                throw new SchemaRegistryException(404, 40403, "Schema " + p[2] + " not found");
            }
            return JSON.createObjectNode().put("schema", schema);
        }
        if (p.length == 2 && p[0].equals("subjects") && method.equals("POST")) {
            Schema schema = parse(body);
            SchemaStore.Version v = store.lookup(p[1], schema);
            if (v == null) {
                if (store.versions(p[1]) == null) {
                    throw new SchemaRegistryException(404, 40401, "Subject '" + p[1] + "' not found.");
                }
                throw new SchemaRegistryException(404, 40403, "Schema not found");
            }
            return version(v);
        }
        if (p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            if (method.equals("POST")) {
                SchemaStore.Version v = store.register(p[1], parse(body));
                return JSON.createObjectNode().put("id", v.id());
            }
            ArrayNode out = JSON.createArrayNode();
            versions(p[1]).forEach(v -> out.add(v.version()));
            return out;
        }
        if (p.length == 4 && p[0].equals("subjects") && p[2].equals("versions") && method.equals("GET")) {
            return version(pick(p[1], p[3]));
        }
        if (p.length == 5 && p[0].equals("compatibility") && p[1].equals("subjects") && method.equals("POST")) {
            SchemaStore.Version against = pick(p[2], p[4]);
            List<String> problems = CompatibilityCheck.problems(store.level(p[2]), parse(body),
                    List.of(new Schema.Parser().parse(against.schema())));
            ObjectNode out = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            ArrayNode messages = out.putArray("messages");
            problems.forEach(messages::add);
            return out;
        }
        if (p[0].equals("config") && p.length <= 2) {
            String subject = p.length == 2 ? p[1] : null;
            if (method.equals("PUT")) {
                String level = body == null ? "" : body.path("compatibility").asText("");
                try {
                    store.setLevel(subject, CompatibilityLevel.valueOf(level));
                } catch (IllegalArgumentException e) {
                    throw new SchemaRegistryException(422, 42203, "Invalid compatibility level: " + level);
                }
                return JSON.createObjectNode().put("compatibility", level);
            }
            return JSON.createObjectNode().put("compatibilityLevel", store.level(subject).name());
        }
        throw new SchemaRegistryException(404, 404, "No such endpoint: " + method + " /" + String.join("/", p));
    }

    private List<SchemaStore.Version> versions(String subject) {
        List<SchemaStore.Version> versions = store.versions(subject);
        if (versions == null) {
            throw new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private SchemaStore.Version pick(String subject, String version) {
        List<SchemaStore.Version> versions = versions(subject);
        if (version.equals("latest")) {
            return versions.get(versions.size() - 1);
        }
        int n = Integer.parseInt(version);
        return versions.stream().filter(v -> v.version() == n).findFirst().orElseThrow(
                () -> new SchemaRegistryException(404, 40402, "Version " + version + " not found."));
    }

    private static ObjectNode version(SchemaStore.Version v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema());
    }

    private static Schema parse(JsonNode body) {
        if (body == null || !body.hasNonNull("schema")) {
            throw new SchemaRegistryException(422, 42201, "Invalid schema: the body has no \"schema\"");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(422, 42201, "Invalid schema: only AVRO is supported here, not " + type);
        }
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static JsonNode readBody(HttpExchange exchange) {
        try {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new SchemaRegistryException(422, 42201, "Invalid request body: " + e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        store.close();
    }
}
