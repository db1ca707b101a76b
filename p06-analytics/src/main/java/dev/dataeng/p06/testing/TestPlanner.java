package dev.dataeng.p06.testing;

import dev.dataeng.p06.compile.Compiler;
import dev.dataeng.p06.compile.Manifest;
import dev.dataeng.p06.compile.ParsedModel;
import dev.dataeng.p06.compile.ParsedSingularTest;
import dev.dataeng.p06.compile.Sql;
import dev.dataeng.p06.project.ColumnDoc;
import dev.dataeng.p06.project.ProjectError;
import dev.dataeng.p06.project.TestSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the tests declared in YAML (generic tests on columns) and the files under {@code tests/} (singular tests)
 * into failing-rows queries, in DAG order of the models they are attached to.
 */
public final class TestPlanner {
    private static final Pattern REF = Pattern.compile("\\s*ref\\(\\s*['\"]([A-Za-z0-9_]+)['\"]\\s*\\)\\s*");

    private final Compiler compiler;

    public TestPlanner(Compiler compiler) {
        this.compiler = compiler;
    }

    public List<DataTest> plan(Manifest manifest) {
        List<DataTest> tests = new ArrayList<>();
        for (String model : manifest.dag().order()) {
            ParsedModel parsed = manifest.model(model);
            for (ColumnDoc column : parsed.file().columns()) {
                for (TestSpec spec : column.tests()) {
                    tests.add(generic(manifest, model, column.name(), spec));
                }
            }
        }
        for (ParsedSingularTest test : manifest.singularTests().values()) {
            String attached = manifest.dag().order().stream().filter(test.refs()::contains)
                    .reduce((a, b) -> b).orElse(""); // the last model it reads: docs list it there
            String sql = compiler.render(manifest, test.file().rawSql(), test.file().path().toString());
            tests.add(new DataTest(test.file().name(), "singular", attached, test.refs(), "", stripSemicolon(sql)));
        }
        return tests;
    }

    private DataTest generic(Manifest manifest, String model, String columnName, TestSpec spec) {
        String where = "test " + spec.kind() + " on " + model + "." + columnName;
        String column = Sql.identifier(columnName, where + ": column");
        String quoted = manifest.names().quote(column); // "YEAR": a column named like a keyword is still a name
        String relation = manifest.relation(model);
        Set<String> parents = new LinkedHashSet<>(List.of(model));
        String name = spec.kind() + "_" + model + "_" + column;
        String sql;
        switch (spec.kind()) {
            case "unique", "not_null" -> sql = genericSql(spec.kind(), relation, quoted, List.of(), "", "");
            case "accepted_values" -> {
                if (!(spec.args().get("values") instanceof List<?> values) || values.isEmpty()) {
                    throw new ProjectError(where + ": give the accepted values as values: [...]");
                }
                List<String> literals = values.stream().map(Sql::literal).toList();
                sql = genericSql(spec.kind(), relation, quoted, literals, "", "");
                name += "__" + String.join("__", values.stream().map(String::valueOf).toList())
                        .replaceAll("[^A-Za-z0-9_]", "_");
            }
            case "relationships" -> {
                Matcher m = REF.matcher(String.valueOf(spec.args().get("to")));
                if (!m.matches()) {
                    throw new ProjectError(where + ": give to: ref('model'), found " + spec.args().get("to"));
                }
                String parent = m.group(1);
                if (manifest.model(parent) == null) {
                    throw new ProjectError(where + ": to: ref('" + parent + "') names no model of this project");
                }
                String field = Sql.identifier(String.valueOf(spec.args().get("field")), where + ": field");
                parents.add(parent);
                sql = genericSql(spec.kind(), relation, quoted, List.of(), manifest.relation(parent),
                        manifest.names().quote(field));;
                name += "__" + field + "__ref_" + parent + "_"; // dbt: ref('x') -> ref_x_
            }
            default -> throw new ProjectError(where + ": unknown test '" + spec.kind()
                    + "' (known: unique, not_null, accepted_values, relationships)");
        }
        return new DataTest(name, spec.kind(), model, parents, column, sql);
    }

    /**
     * The failing-rows query of a generic test, with dbt's semantics: {@code not_null} returns the rows where the
     * column is null; {@code unique} one row per value that occurs more than once; {@code accepted_values} one row
     * per value outside {@code values}; {@code relationships} the rows whose non-null column has no match in
     * {@code toRelation.field}. Relations and names arrive quoted for the database.
     */
    static String genericSql(String kind, String relation, String column, List<String> values, String toRelation,
            String field) {
        // BEGIN SOLUTION step 8: one query per kind returning failing rows: nulls; values seen twice (one row per value); values not in the list (one row per value); children without parent
        return switch (kind) {
            case "not_null" -> "select * from " + relation + " where " + column + " is null";
            case "unique" -> "select " + column + " as unique_field, count(*) as n_records from " + relation
                    + " where " + column + " is not null group by " + column + " having count(*) > 1";
            case "accepted_values" -> "select " + column + " as value_field, count(*) as n_records from " + relation
                    + " where " + column + " is not null and " + column + " not in (" + String.join(", ", values)
                    + ") group by " + column;
            case "relationships" -> "select child." + column + " as from_field from " + relation + " child"
                    + " where child." + column + " is not null and not exists (select 1 from " + toRelation
                    + " parent where parent." + field + " = child." + column + ")";
            default -> throw new IllegalArgumentException(kind);
        };
        // END SOLUTION
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
