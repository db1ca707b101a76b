package dev.dataeng.p06.compile;

import dev.dataeng.p06.graph.Dag;
import dev.dataeng.p06.project.Project;
import java.util.Map;

/**
 * The parsed project: every model with its config and dependencies, the DAG they form, the target schema the
 * models are built in, and the variables in force ({@code --vars} over {@code dbt_project.yml}).
 */
public record Manifest(Project project, String targetSchema, Map<String, Object> vars,
        Map<String, ParsedModel> models, Map<String, ParsedSingularTest> singularTests, Dag dag) {

    public Manifest {
        vars = Map.copyOf(vars);
        models = Map.copyOf(models);
        singularTests = Map.copyOf(singularTests);
    }

    /** {@code analytics.fct_orders}: where a model is built. */
    public String relation(String model) {
        return targetSchema + "." + model;
    }

    public ParsedModel model(String name) {
        return models.get(name);
    }
}
