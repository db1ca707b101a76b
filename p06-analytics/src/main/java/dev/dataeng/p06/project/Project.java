package dev.dataeng.p06.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from a project folder: the {@code dbt_project.yml} settings, the SQL models with their YAML docs,
 * the declared sources and the singular tests. Nothing is templated yet.
 */
public record Project(String name, Path root, Map<String, Object> vars, Map<String, ModelFile> models,
        List<SourceTable> sources, List<SingularTestFile> singularTests) {

    public Project {
        vars = Map.copyOf(vars);
        models = Map.copyOf(models);
        sources = List.copyOf(sources);
        singularTests = List.copyOf(singularTests);
    }

    public Optional<SourceTable> source(String sourceName, String table) {
        return sources.stream().filter(s -> s.sourceName().equals(sourceName) && s.table().equals(table)).findFirst();
    }
}
