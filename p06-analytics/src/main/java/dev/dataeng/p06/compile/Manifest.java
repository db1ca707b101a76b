package dev.dataeng.p06.compile;

import dev.dataeng.p06.graph.Dag;
import dev.dataeng.p06.project.Project;
import java.util.Map;

/**
 * The parsed project: every model with its config and dependencies, the DAG they form, the target schema the
 * models are built in, the variables in force ({@code --vars} over {@code dbt_project.yml}), and how names are
 * quoted in the database they are built in ({@link SqlNames#STANDARD} until the tool has connected).
 */
public record Manifest(Project project, String targetSchema, Map<String, Object> vars,
        Map<String, ParsedModel> models, Map<String, ParsedSingularTest> singularTests, Dag dag, SqlNames names) {

    public Manifest {
        vars = Map.copyOf(vars);
        models = Map.copyOf(models);
        singularTests = Map.copyOf(singularTests);
    }

    /** {@code "ANALYTICS"."FCT_ORDERS"} (H2; PostgreSQL: lower case): where a model is built, quoted for SQL. */
    public String relation(String model) {
        return names.relation(targetSchema, model);
    }

    /** The same manifest for a database that quotes names by {@code rule}. */
    public Manifest withNames(SqlNames rule) {
        return new Manifest(project, targetSchema, vars, models, singularTests, dag, rule);
    }

    public ParsedModel model(String name) {
        return models.get(name);
    }
}
