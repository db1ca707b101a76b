package dev.dataeng.p06.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a project folder laid out as dbt lays it out:
 * <pre>
 * dbt_project.yml          name, vars, folder config (models: &lt;name&gt;: marts: +materialized: table)
 * models/**&#47;*.sql         one model per file, named by the file
 * models/**&#47;*.yml         docs and tests of models (models:) and the declared raw tables (sources:)
 * tests/*.sql              singular tests
 * </pre>
 */
public final class ProjectLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProjectLoader() {
    }

    public static Project load(Path root) {
        Path config = root.resolve("dbt_project.yml");
        if (!Files.isRegularFile(config)) {
            throw new ProjectError("no dbt_project.yml in " + root.toAbsolutePath()
                    + " (is --project-dir the project folder?)");
        }
        Map<String, Object> settings = readYaml(config);
        String name = text(settings.get("name"), "");
        if (name.isBlank()) {
            throw new ProjectError(config + ": 'name' is required");
        }
        Map<String, Object> vars = map(settings.get("vars"), config + ": vars");
        Map<String, Object> folderTree = map(map(settings.get("models"), config + ": models").get(name),
                config + ": models." + name);
        Path modelDir = root.resolve(firstPath(settings.get("model-paths"), "models"));
        Path testDir = root.resolve(firstPath(settings.get("test-paths"), "tests"));

        Map<String, Map<String, Object>> modelDocs = new HashMap<>();
        List<SourceTable> sources = new ArrayList<>();
        for (Path yml : files(modelDir, ".yml")) {
            readSchemaFile(yml, modelDocs, sources);
        }
        Map<String, ModelFile> models = new TreeMap<>();
        for (Path sql : files(modelDir, ".sql")) {
            String modelName = stripExtension(sql.getFileName().toString());
            List<String> folders = new ArrayList<>();
            modelDir.relativize(sql.getParent()).forEach(p -> {
                if (!p.toString().isEmpty()) {
                    folders.add(p.toString());
                }
            });
            Map<String, Object> doc = modelDocs.getOrDefault(modelName, Map.of());
            ModelFile previous = models.put(modelName, new ModelFile(modelName, sql, folders, read(sql),
                    folderConfig(folderTree, folders), text(doc.get("description"), ""),
                    columns(doc.get("columns"), yamlWhere(modelName))));
            if (previous != null) {
                throw new ProjectError("two models are named '" + modelName + "': " + previous.path() + " and " + sql);
            }
        }
        for (String documented : modelDocs.keySet()) {
            if (!models.containsKey(documented)) {
                throw new ProjectError("YAML documents model '" + documented + "' but there is no "
                        + documented + ".sql under " + modelDir);
            }
        }
        List<SingularTestFile> tests = new ArrayList<>();
        for (Path sql : files(testDir, ".sql")) {
            tests.add(new SingularTestFile(stripExtension(sql.getFileName().toString()), sql, read(sql)));
        }
        return new Project(name, root, vars, models, sources, tests);
    }

    private static String yamlWhere(String model) {
        return "model " + model;
    }

    @SuppressWarnings("unchecked")
    private static void readSchemaFile(Path yml, Map<String, Map<String, Object>> modelDocs, List<SourceTable> sources) {
        Map<String, Object> doc = readYaml(yml);
        for (Object m : list(doc.get("models"), yml + ": models")) {
            Map<String, Object> model = map(m, yml + ": a model entry");
            String name = text(model.get("name"), "");
            if (name.isBlank()) {
                throw new ProjectError(yml + ": a model entry has no name");
            }
            modelDocs.put(name, model);
        }
        for (Object s : list(doc.get("sources"), yml + ": sources")) {
            Map<String, Object> source = map(s, yml + ": a source entry");
            String sourceName = text(source.get("name"), "");
            String schema = text(source.get("schema"), sourceName);
            for (Object t : list(source.get("tables"), yml + ": tables of source " + sourceName)) {
                Map<String, Object> table = map(t, yml + ": a table of source " + sourceName);
                String tableName = text(table.get("name"), "");
                sources.add(new SourceTable(sourceName, schema, tableName, text(table.get("description"), ""),
                        columns(table.get("columns"), "source " + sourceName + "." + tableName)));
            }
        }
    }

    private static List<ColumnDoc> columns(Object value, String where) {
        List<ColumnDoc> out = new ArrayList<>();
        for (Object c : list(value, where + ": columns")) {
            Map<String, Object> column = map(c, where + ": a column");
            String name = text(column.get("name"), "");
            Object tests = column.containsKey("data_tests") ? column.get("data_tests") : column.get("tests");
            List<TestSpec> specs = new ArrayList<>();
            for (Object t : list(tests, where + "." + name + ": tests")) {
                specs.add(testSpec(t, where + "." + name));
            }
            out.add(new ColumnDoc(name, text(column.get("description"), ""), specs));
        }
        return out;
    }

    /** {@code unique}, or {@code {accepted_values: {values: [...]}}}, or the dbt 1.10 form with {@code arguments:}. */
    private static TestSpec testSpec(Object entry, String where) {
        if (entry instanceof String kind) {
            return new TestSpec(kind, Map.of());
        }
        Map<String, Object> m = map(entry, where + ": a test");
        if (m.size() != 1) {
            throw new ProjectError(where + ": a test entry must have one key (its kind), found " + m.keySet());
        }
        String kind = m.keySet().iterator().next();
        Map<String, Object> args = new LinkedHashMap<>(map(m.get(kind), where + ": arguments of " + kind));
        if (args.get("arguments") instanceof Map<?, ?> nested) {
            args.remove("arguments");
            nested.forEach((k, v) -> args.put(String.valueOf(k), v));
        }
        args.values().removeIf(v -> v == null);
        return new TestSpec(kind, args);
    }

    /** Merges the {@code +key: value} entries met walking down the folder tree; deeper folders win. */
    private static Map<String, Object> folderConfig(Map<String, Object> tree, List<String> folders) {
        Map<String, Object> config = new HashMap<>();
        Map<String, Object> level = tree;
        collectPlusKeys(level, config);
        for (String folder : folders) {
            if (!(level.get(folder) instanceof Map<?, ?>)) {
                break;
            }
            level = map(level.get(folder), "models config " + folder);
            collectPlusKeys(level, config);
        }
        return config;
    }

    private static void collectPlusKeys(Map<String, Object> level, Map<String, Object> into) {
        level.forEach((k, v) -> {
            if (k.startsWith("+") && v != null) {
                into.put(k.substring(1), v);
            }
        });
    }

    // ------------------------------------------------------------------ small YAML helpers

    private static Map<String, Object> readYaml(Path file) {
        try {
            Object value = YAML.readValue(file.toFile(), Object.class);
            return value == null ? Map.of() : map(value, file.toString());
        } catch (IOException e) {
            throw new ProjectError("cannot read " + file + ": " + firstLine(e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw new ProjectError(where + ": expected a mapping, found " + value);
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new ProjectError(where + ": expected a list, found " + value);
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : String.valueOf(value).strip();
    }

    private static String firstPath(Object value, String otherwise) {
        if (value instanceof List<?> l && !l.isEmpty()) {
            return String.valueOf(l.get(0));
        }
        return otherwise;
    }

    private static List<Path> files(Path dir, String extension) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(extension))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ProjectError("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ProjectError("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String stripExtension(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
