package dev.dataeng.p01.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads dataset schemas (YAML or JSON), checks each against {@code dataset-schema.json} (a JSON Schema) and then
 * against the rules a JSON Schema cannot say (a unique key names real columns, patterns compile). A bad schema
 * becomes a {@link SchemaException} whose message is one line naming the file and the problem.
 */
public final class SchemaLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema META = loadMetaSchema();

    private SchemaLoader() {
    }

    /** One schema file, or every {@code *.yaml}, {@code *.yml} and {@code *.json} file of a folder. */
    public static List<DatasetSchema> load(Path fileOrFolder) {
        if (!Files.exists(fileOrFolder)) {
            throw new SchemaException("schema " + fileOrFolder + " does not exist");
        }
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(loadFile(fileOrFolder));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(fileOrFolder)) {
            files = list.filter(p -> p.getFileName().toString().matches("(?i).*\\.(ya?ml|json)$"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new SchemaException("cannot list schema folder " + fileOrFolder + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new SchemaException("schema folder " + fileOrFolder + " holds no *.yaml, *.yml or *.json file");
        }
        List<DatasetSchema> schemas = new ArrayList<>();
        Set<String> datasets = new HashSet<>();
        for (Path file : files) {
            DatasetSchema schema = loadFile(file);
            if (!datasets.add(schema.dataset())) {
                throw new SchemaException("schema " + file + ": dataset '" + schema.dataset()
                        + "' is declared by another schema of " + fileOrFolder + " too");
            }
            schemas.add(schema);
        }
        return schemas;
    }

    public static DatasetSchema loadFile(Path file) {
        JsonNode root;
        try {
            boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            root = (json ? JSON : YAML).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new SchemaException("schema " + file + " cannot be parsed" + where + ": "
                    + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SchemaException("schema " + file + " cannot be read: " + oneLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new SchemaException("schema " + file + " is empty");
        }
        List<ValidationMessage> errors = META.validate(root).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage)).toList();
        if (!errors.isEmpty()) {
            throw new SchemaException("schema " + file + " is invalid: " + errors.get(0).getMessage()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        }
        try {
            return toSchema(file, root);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new SchemaException("schema " + file + " is invalid: " + e.getMessage());
        }
    }

    private static DatasetSchema toSchema(Path file, JsonNode root) {
        JsonNode in = root.path("input");
        InputOptions options = new InputOptions(
                in.path("delimiter").asText(",").charAt(0),
                in.path("quote").asText("\"").charAt(0),
                in.path("encoding").asText("UTF-8"),
                texts(in.path("nullValues"), List.of("")),
                texts(in.path("dateFormats"), List.of("yyyy-MM-dd")),
                texts(in.path("timestampFormats"), List.of("ISO")),
                in.path("timeZone").asText("UTC"),
                texts(in.path("decimalSeparators"), List.of(".")),
                texts(in.path("trueValues"), List.of("true", "yes", "y", "1")),
                texts(in.path("falseValues"), List.of("false", "no", "n", "0")));
        if (!Charset.isSupported(options.encoding())) {
            throw new IllegalArgumentException("encoding '" + options.encoding() + "' is not known");
        }
        for (String format : options.dateFormats()) {
            checkPattern("date format", format);
        }
        for (String format : options.timestampFormats()) {
            // A format with a date and no time ("yyyy-MM-dd") is accepted: the value is midnight in the zone.
            if (!format.equals("ISO")) {
                checkPattern("timestamp format", format);
                if (!hasDate(format)) {
                    throw new IllegalArgumentException("timestamp format '" + format + "' has no date part (a time "
                            + "alone is no point in time)");
                }
            }
        }
        ZoneId zone = ZoneId.of(options.timeZone());

        List<ColumnSpec> columns = new ArrayList<>();
        for (JsonNode c : root.path("columns")) {
            String name = c.path("name").asText();
            ColumnType type = ColumnType.of(c.path("type").asText());
            boolean temporal = type == ColumnType.DATE || type == ColumnType.TIMESTAMP;
            columns.add(new ColumnSpec(name, c.path("source").asText(name), type, c.path("required").asBoolean(false),
                    temporal ? null : number(name, c.path("min"), "min"),
                    temporal ? null : number(name, c.path("max"), "max"),
                    c.hasNonNull("pattern") ? c.get("pattern").asText() : null,
                    texts(c.path("allowedValues"), List.of()), c.path("maxLength").asInt(0),
                    c.path("precision").asInt(18), c.path("scale").asInt(type == ColumnType.DECIMAL ? 6 : 0),
                    c.hasNonNull("case") ? c.get("case").asText() : null,
                    temporal ? bound(name, type, c.path("min"), "min", zone) : null,
                    temporal ? bound(name, type, c.path("max"), "max", zone) : null));
        }
        List<String> key = texts(root.path("uniqueKey"), List.of());
        checkRules(columns, key);
        boolean keepIdentical = root.path("identicalRows").asText("count").equals("keep");
        if (keepIdentical && !key.isEmpty()) {
            throw new IllegalArgumentException("identicalRows: keep is for schemas without a uniqueKey (with a key, "
                    + "a repeated key is a duplicate or a conflict)");
        }
        BadRecordLimit limit = new BadRecordLimit(root.path("maxBadRecords").asLong(BadRecordLimit.DEFAULT
                .maxBadRecords()), root.path("maxBadFraction").asDouble(BadRecordLimit.DEFAULT.maxBadFraction()));
        return new DatasetSchema(file, root.path("schemaVersion").asInt(), root.path("dataset").asText(),
                root.path("table").asText(), texts(root.path("files"), List.of()), key, options, columns, limit,
                keepIdentical);
    }

    /** A number column's min or max: a number, or null when absent. */
    private static BigDecimal number(String column, JsonNode node, String what) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("column '" + column + "': " + what + " '" + node.asText()
                    + "' is not a number");
        }
        return node.decimalValue();
    }

    /**
     * A date or timestamp column's min or max, written as an ISO date ({@code 2030-12-31}) or, for a timestamp,
     * an ISO date-time with an offset ({@code 2030-12-31T23:59:59Z}); a date alone bounds a timestamp column at
     * midnight in the schema's time zone.
     */
    private static Temporal bound(String column, ColumnType type, JsonNode node, String what, ZoneId zone) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String text = node.asText().strip();
        try {
            if (type == ColumnType.DATE) {
                return LocalDate.parse(text);
            }
            return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay(zone).toOffsetDateTime()
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("column '" + column + "': " + what + " '" + text + "' is not an ISO "
                    + (type == ColumnType.DATE ? "date (2030-12-31)" : "date or date-time with offset "
                    + "(2030-12-31T23:59:59Z)"));
        }
    }

    /** Whether a date-time pattern holds a whole date: a format of a timestamp column must (a time alone is no instant). */
    private static boolean hasDate(String pattern) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        try {
            return f.parse(f.format(ZonedDateTime.of(2001, 2, 3, 4, 5, 6, 0, ZoneOffset.UTC)))
                    .query(TemporalQueries.localDate()) != null;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * The rules a JSON Schema cannot say, each broken one an {@link IllegalArgumentException} with a message that
     * names the column: names unique, patterns compile, min/max only on numbers and min &lt;= max, allowed values and
     * patterns only on strings, scale &lt;= precision, and every unique-key column exists and is required.
     */
    static void checkRules(List<ColumnSpec> columns, List<String> uniqueKey) {
        // BEGIN SOLUTION step 2
        Set<String> names = new HashSet<>();
        for (ColumnSpec c : columns) {
            String name = c.name();
            if (!names.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' is declared twice");
            }
            if (c.pattern() != null) {
                try {
                    Pattern.compile(c.pattern());
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("column '" + name + "': pattern does not compile: "
                            + e.getDescription());
                }
            }
            if (c.min() != null && c.max() != null && c.min().compareTo(c.max()) > 0) {
                throw new IllegalArgumentException("column '" + name + "': min " + c.min() + " is above max "
                        + c.max());
            }
            if (c.earliest() != null && c.latest() != null && isAfter(c.earliest(), c.latest())) {
                throw new IllegalArgumentException("column '" + name + "': min " + c.earliest() + " is after max "
                        + c.latest());
            }
            boolean number = c.type() == ColumnType.INTEGER || c.type() == ColumnType.DECIMAL;
            if ((c.min() != null || c.max() != null) && !number) {
                throw new IllegalArgumentException("column '" + name + "': min/max apply to integer, decimal, date "
                        + "and timestamp columns, not " + c.type().name().toLowerCase(Locale.ROOT));
            }
            if ((!c.allowedValues().isEmpty() || c.pattern() != null) && c.type() != ColumnType.STRING) {
                throw new IllegalArgumentException("column '" + name + "': allowedValues and pattern apply to "
                        + "string columns only");
            }
            if (c.scale() > c.precision()) {
                throw new IllegalArgumentException("column '" + name + "': scale " + c.scale()
                        + " is above precision " + c.precision());
            }
        }
        for (String k : uniqueKey) {
            ColumnSpec column = columns.stream().filter(c -> c.name().equals(k)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("uniqueKey names '" + k
                            + "', which is no column"));
            if (!column.required()) {
                throw new IllegalArgumentException("uniqueKey column '" + k + "' must be required");
            }
        }
        // END SOLUTION
    }

    /** Whether date or timestamp {@code a} comes after {@code b} (both of the same column, so the same type). */
    public static boolean isAfter(Temporal a, Temporal b) {
        return a instanceof LocalDate d ? d.isAfter((LocalDate) b) : ((OffsetDateTime) a).isAfter((OffsetDateTime) b);
    }

    private static String oneLine(String message) {
        String text = message == null ? "" : message.strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static void checkPattern(String what, String pattern) {
        try {
            DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + pattern + "' does not compile: " + e.getMessage());
        }
    }

    private static List<String> texts(JsonNode node, List<String> otherwise) {
        if (node.isMissingNode() || node.isNull()) {
            return otherwise;
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonSchema loadMetaSchema() {
        try (InputStream in = SchemaLoader.class.getResourceAsStream("dataset-schema.json")) {
            if (in == null) {
                throw new IllegalStateException("dataset-schema.json is missing from the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dataset-schema.json", e);
        }
    }
}
