package dev.dataeng.p06.compile;

import dev.dataeng.p06.graph.Dag;
import dev.dataeng.p06.graph.Selector;
import dev.dataeng.p06.project.ModelFile;
import dev.dataeng.p06.project.Project;
import dev.dataeng.p06.project.ProjectError;
import dev.dataeng.p06.project.SingularTestFile;
import dev.dataeng.p06.project.SourceTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns Jinja-SQL into SQL in two passes, as dbt does. <b>Parse</b> renders every model with a {@code ref} that
 * only records its argument, which yields the DAG and each model's config before any SQL runs; a missing model or a
 * cycle stops here. <b>Compile</b> renders one model again with {@code ref} resolved to relations and
 * {@code is_incremental()} answered for this run.
 */
public final class Compiler {
    private final SqlTemplater templater = new SqlTemplater();

    public Manifest parse(Project project, String targetSchema, Map<String, Object> cliVars) {
        String schema = Sql.identifier(targetSchema, "target schema");
        Map<String, Object> vars = new HashMap<>(project.vars());
        vars.putAll(cliVars);
        Map<String, ParsedModel> models = new TreeMap<>();
        for (ModelFile file : project.models().values()) {
            Sql.identifier(file.name(), "model name (file " + file.path().getFileName() + ")");
            ParseScope scope = new ParseScope(project, schema, vars, schema + "." + file.name());
            templater.render(file.rawSql(), file.path().toString(), scope);
            Map<String, Object> config = new LinkedHashMap<>(file.folderConfig());
            config.putAll(scope.config);
            models.put(file.name(), new ParsedModel(file, modelConfig(config, file), scope.refs, scope.sources));
        }
        Map<String, ParsedSingularTest> tests = new TreeMap<>();
        for (SingularTestFile file : project.singularTests()) {
            ParseScope scope = new ParseScope(project, schema, vars, "");
            templater.render(file.rawSql(), file.path().toString(), scope);
            tests.put(file.name(), new ParsedSingularTest(file, scope.refs));
        }
        Dag dag = buildDag(models, tests);
        return new Manifest(project, schema, vars, models, tests, dag, SqlNames.STANDARD);
    }

    /** Checks every {@code ref} names a model, then builds the DAG (which refuses cycles). */
    static Dag buildDag(Map<String, ParsedModel> models, Map<String, ParsedSingularTest> tests) {
        Map<String, Set<String>> parents = new TreeMap<>();
        models.values().forEach(m -> parents.put(m.name(), m.refs()));
        Map<String, Set<String>> everything = new TreeMap<>(parents);
        tests.values().forEach(t -> everything.put("test " + t.file().name(), t.refs()));
        for (Map.Entry<String, Set<String>> e : everything.entrySet()) {
            for (String ref : e.getValue()) {
                if (!models.containsKey(ref)) {
                    String where = models.containsKey(e.getKey())
                            ? "model '" + e.getKey() + "' (" + models.get(e.getKey()).file().path() + ")"
                            : e.getKey();
                    throw new ProjectError(where + " refs '" + ref + "', which is no model of this project"
                            + Selector.suggestion(ref, Dag.of(asNodes(models.keySet()))));
                }
            }
        }
        return Dag.of(parents);
    }

    private static Map<String, Set<String>> asNodes(Set<String> names) {
        Map<String, Set<String>> nodes = new HashMap<>();
        names.forEach(n -> nodes.put(n, Set.of()));
        return nodes;
    }

    /**
     * The SQL of {@code model} for this run: refs resolved to relations, {@code is_incremental()} true when
     * {@code incrementalRun} (the model is incremental, its table exists and no full refresh was asked for).
     */
    public String compile(Manifest manifest, String model, boolean incrementalRun) {
        ParsedModel parsed = manifest.model(model);
        CompileScope scope = new CompileScope(manifest, manifest.relation(model), incrementalRun);
        return templater.render(parsed.file().rawSql(), parsed.file().path().toString(), scope).strip();
    }

    /** Renders any other template of the project (a singular test) against the manifest. */
    public String render(Manifest manifest, String template, String where) {
        return templater.render(template, where, new CompileScope(manifest, "", false)).strip();
    }

    static ModelConfig modelConfig(Map<String, Object> config, ModelFile file) {
        String where = "model '" + file.name() + "'";
        String materialized = String.valueOf(config.getOrDefault("materialized", "view"));
        if (!ModelConfig.MATERIALIZATIONS.contains(materialized)) {
            throw new ProjectError(where + ": materialized='" + materialized + "' is not one of "
                    + ModelConfig.MATERIALIZATIONS);
        }
        List<String> key = new ArrayList<>();
        Object uniqueKey = config.get("unique_key");
        if (uniqueKey instanceof List<?> columns) {
            columns.forEach(c -> key.add(Sql.identifier(String.valueOf(c), where + " unique_key")));
        } else if (uniqueKey != null) {
            key.add(Sql.identifier(String.valueOf(uniqueKey), where + " unique_key"));
        }
        List<List<String>> indexes = new ArrayList<>();
        Object declared = config.get("indexes");
        if (declared != null && !(declared instanceof List<?>)) {
            throw new ProjectError(where + ": indexes must be a list, as in indexes=[{'columns': ['order_id']}]");
        }
        for (Object index : declared == null ? List.of() : (List<?>) declared) {
            if (!(index instanceof Map<?, ?> m) || !(m.get("columns") instanceof List<?> columns) || columns.isEmpty()) {
                throw new ProjectError(where + ": each index is {'columns': [...]}, found " + index);
            }
            indexes.add(columns.stream().map(c -> Sql.identifier(String.valueOf(c), where + " index column")).toList());
        }
        return new ModelConfig(materialized, key, indexes);
    }

    // ------------------------------------------------------------------ what the Jinja functions mean

    /** Shared by both passes: sources, vars, {@code this}. */
    private abstract static class Scope implements TemplateFunctions {
        final Project project;
        final Map<String, Object> vars;
        final String self;
        final SqlNames names;
        final Set<String> sources = new LinkedHashSet<>();

        Scope(Project project, Map<String, Object> vars, String self, SqlNames names) {
            this.project = project;
            this.vars = vars;
            this.self = self;
            this.names = names;
        }

        @Override
        public String source(String sourceName, String table) {
            // BEGIN SOLUTION step 2: look the table up with project.source(...), remember its nodeName() in sources, return names.relation(schema, table)
            SourceTable declared = project.source(sourceName, table).orElseThrow(() -> new ProjectError(
                    "source('" + sourceName + "', '" + table + "') is not declared under sources: in any YAML file; "
                            + "declared: " + project.sources().stream().map(s -> s.sourceName() + "." + s.table())
                            .toList()));
            sources.add(declared.nodeName());
            return names.relation(Sql.identifier(declared.schema(), "schema of source " + sourceName),
                    Sql.identifier(declared.table(), "source table"));
            // END SOLUTION
        }

        @Override
        public String var(String name, Object defaultValue, boolean hasDefault) {
            // BEGIN SOLUTION step 2: --vars/dbt_project.yml value, else the default, else a ProjectError; always through Sql.literal
            if (vars.containsKey(name)) {
                return Sql.literal(vars.get(name));
            }
            if (hasDefault) {
                return Sql.literal(defaultValue);
            }
            throw new ProjectError("required var '" + name + "' is not set: add it under vars: in dbt_project.yml "
                    + "or pass --vars '{" + name + ": ...}'");
            // END SOLUTION
        }

        @Override
        public String self() {
            return self;
        }
    }

    /** Parse pass: {@code ref} records, {@code config} records, {@code is_incremental()} is false. */
    private static final class ParseScope extends Scope {
        final String schema;
        final Set<String> refs = new LinkedHashSet<>();
        final Map<String, Object> config = new LinkedHashMap<>();

        ParseScope(Project project, String schema, Map<String, Object> vars, String self) {
            super(project, vars, self, SqlNames.STANDARD);
            this.schema = schema;
        }

        @Override
        public String ref(String model) {
            // BEGIN SOLUTION step 2: remember the (validated) model name in refs; return any relation name, it is not run
            refs.add(Sql.identifier(model, "ref"));
            return schema + "." + model;
            // END SOLUTION
        }

        @Override
        public void config(Map<String, Object> settings) {
            config.putAll(settings);
        }

        @Override
        public boolean isIncremental() {
            return false;
        }
    }

    /** Compile pass: {@code ref} is the relation the model builds; {@code config} renders nothing. */
    private static final class CompileScope extends Scope {
        final Manifest manifest;
        final boolean incrementalRun;

        CompileScope(Manifest manifest, String self, boolean incrementalRun) {
            super(manifest.project(), manifest.vars(), self, manifest.names());
            this.manifest = manifest;
            this.incrementalRun = incrementalRun;
        }

        @Override
        public String ref(String model) {
            // BEGIN SOLUTION step 5: the relation the model builds (manifest.relation), or a ProjectError for an unknown model
            if (manifest.model(model) == null) {
                throw new ProjectError("ref('" + model + "'): no such model" + Selector.suggestion(model,
                        manifest.dag()));
            }
            return manifest.relation(model);
            // END SOLUTION
        }

        @Override
        public void config(Map<String, Object> settings) {
        }

        @Override
        public boolean isIncremental() {
            return incrementalRun;
        }
    }
}
