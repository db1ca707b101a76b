package dev.dataeng.p02.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dataeng.p02.pipeline.PipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A checks file: the data-quality checks of every layer, and the timeliness expectations the metrics use. Checks
 * are data, not code: adding a check is adding five lines of YAML.
 */
public record CheckSuite(List<Check> checks, List<Timeliness> timeliness) {
    public static final String DEFAULT_RESOURCE = "/p02/checks.yaml";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern QUALIFIED = Pattern.compile("(silver|gold)\\.[a-z][a-z0-9_]*");

    /** Rows whose {@code arrival_column} is later than {@code event_column + within} arrived late. */
    public record Timeliness(String table, String eventColumn, String arrivalColumn, Duration within) {
    }

    public CheckSuite {
        checks = checks == null ? List.of() : List.copyOf(checks);
        timeliness = timeliness == null ? List.of() : List.copyOf(timeliness);
    }

    public List<Check> forLayer(String layer) {
        return checks.stream().filter(c -> c.layer().equals(layer)).toList();
    }

    public List<Check> quarantining(String layer, String table) {
        return checks.stream().filter(c -> c.quarantine() && c.layer().equals(layer) && c.tableName().equals(table))
                .toList();
    }

    /** The same suite reading schema {@code to} where it says {@code from} (see {@link Check#relocated}). */
    public CheckSuite relocated(String from, String to) {
        return new CheckSuite(checks.stream().map(c -> c.relocated(from, to)).toList(), timeliness.stream()
                .map(t -> new Timeliness(Check.move(t.table(), from, to), t.eventColumn(), t.arrivalColumn(),
                        t.within())).toList());
    }

    /** The checks shipped with the chapter. */
    public static CheckSuite defaults() {
        try (InputStream in = CheckSuite.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(in.readAllBytes(), "checks.yaml (built in)");
        } catch (IOException e) {
            throw new PipelineException("cannot read the built-in checks: " + e.getMessage(), e);
        }
    }

    public static CheckSuite load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PipelineException("checks file " + file + " does not exist");
        }
        try {
            return parse(Files.readAllBytes(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new PipelineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static CheckSuite parse(byte[] yaml, String source) {
        ObjectMapper mapper = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(new JavaTimeModule())
                .build();
        CheckSuite suite;
        try {
            suite = mapper.readValue(yaml, CheckSuite.class);
        } catch (UnrecognizedPropertyException e) {
            throw new PipelineException(source + ": unknown field '" + e.getPropertyName() + "' (line "
                    + e.getLocation().getLineNr() + ")");
        } catch (JsonProcessingException e) {
            throw new PipelineException(source + ": " + e.getOriginalMessage() + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new PipelineException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (suite == null) {
            throw new PipelineException(source + " is empty");
        }
        validate(suite, source);
        return suite;
    }

    private static void validate(CheckSuite suite, String source) {
        Set<String> names = new HashSet<>();
        for (Check c : suite.checks()) {
            String where = source + ": check '" + c.name() + "'";
            require(c.name() != null && NAME.matcher(c.name()).matches(), source
                    + ": every check needs a name in lower_snake_case, found '" + c.name() + "'");
            require(names.add(c.name()), where + " is declared twice");
            require(c.type() != null, where + " has no or an unknown type; known: " + List.of(CheckType.values())
                    .stream().map(t -> t.name().toLowerCase()).toList());
            require(c.table() != null && QUALIFIED.matcher(c.table()).matches(),
                    where + ": table must be silver.<name> or gold.<name>, found '" + c.table() + "'");
            require(c.severity() != null, where + ": severity must be warn or error");
            require(!c.quarantine() || (c.type().rowLevel() && c.layer().equals("silver")),
                    where + ": only row-level checks on silver can quarantine");
            switch (c.type()) {
                case NOT_NULL -> require(c.column() != null, where + ": not_null needs a column");
                case UNIQUE -> require(!c.keyColumns().isEmpty(), where + ": unique needs columns");
                case ACCEPTED_VALUES -> require(c.column() != null && c.values() != null && !c.values().isEmpty(),
                        where + ": accepted_values needs a column and values");
                case RANGE -> require(c.column() != null && (c.min() != null || c.max() != null),
                        where + ": range needs a column and min and/or max");
                case REGEX -> {
                    require(c.column() != null && c.pattern() != null, where + ": regex needs a column and pattern");
                    try {
                        Pattern.compile(c.pattern());
                    } catch (PatternSyntaxException e) {
                        throw new PipelineException(where + ": bad pattern: " + e.getDescription());
                    }
                }
                case RELATIONSHIPS -> require(c.column() != null && c.toTable() != null && c.toColumn() != null
                        && QUALIFIED.matcher(c.toTable()).matches(),
                        where + ": relationships needs column, to_table (layer.table) and to_column");
                case EXPRESSION -> require(c.expression() != null, where + ": expression needs an expression");
                case ROW_COUNT -> require(c.min() != null || c.max() != null, where + ": row_count needs min/max");
                case FRESHNESS -> require(c.column() != null && c.maxAge() != null,
                        where + ": freshness needs a column and max_age (e.g. P2D)");
                case CUSTOM_SQL -> require(c.sql() != null, where + ": custom_sql needs sql");
            }
        }
        for (Timeliness t : suite.timeliness()) {
            require(t.table() != null && QUALIFIED.matcher(t.table()).matches() && t.eventColumn() != null
                    && t.arrivalColumn() != null && t.within() != null,
                    source + ": timeliness needs table, event_column, arrival_column and within");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new PipelineException(message);
        }
    }
}
