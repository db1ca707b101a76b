package dev.dataeng.p06;

import dev.dataeng.p06.compile.Compiler;
import dev.dataeng.p06.compile.Manifest;
import dev.dataeng.p06.docs.DocsGenerator;
import dev.dataeng.p06.docs.DocsGenerator.ModelPage;
import dev.dataeng.p06.graph.Dag;
import dev.dataeng.p06.graph.Selector;
import dev.dataeng.p06.project.ProjectError;
import dev.dataeng.p06.project.ProjectLoader;
import dev.dataeng.p06.run.ModelRunner;
import dev.dataeng.p06.run.RunResult;
import dev.dataeng.p06.run.Warehouse;
import dev.dataeng.p06.run.Warehouse.Kind;
import dev.dataeng.p06.testing.DataTest;
import dev.dataeng.p06.testing.TestPlanner;
import dev.dataeng.p06.testing.TestResult;
import dev.dataeng.p06.testing.TestRunner;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One invocation of the tool on one project: {@code ls}, {@code compile}, {@code run}, {@code test},
 * {@code build}, {@code docs}. Opening it loads and parses the project, so a missing model, a cycle or a bad config
 * value stops here, before the database is touched.
 */
public final class Analytics implements AutoCloseable {

    /** Where the project is, which database to build in, and the run's options ({@code --vars}, full refresh). */
    public record Settings(Path projectDir, String jdbcUrl, String user, String password, String schema,
            Path targetDir, Map<String, Object> vars, boolean fullRefresh) {
        public Settings {
            vars = Map.copyOf(vars);
        }

        public static Settings of(Path projectDir, String jdbcUrl) {
            return new Settings(projectDir, jdbcUrl, "sa", "", "analytics", projectDir.resolve("target"), Map.of(),
                    false);
        }

        public Settings withVars(Map<String, Object> newVars) {
            return new Settings(projectDir, jdbcUrl, user, password, schema, targetDir, newVars, fullRefresh);
        }

        public Settings withFullRefresh(boolean refresh) {
            return new Settings(projectDir, jdbcUrl, user, password, schema, targetDir, vars, refresh);
        }

        public Settings withTargetDir(Path dir) {
            return new Settings(projectDir, jdbcUrl, user, password, schema, dir, vars, fullRefresh);
        }
    }

    /** What {@code build} did: models and tests, in the order they ran. */
    public record BuildResult(List<RunResult> models, List<TestResult> tests) {
    }

    private final Settings settings;
    private final Compiler compiler = new Compiler();
    private Manifest manifest;
    private List<DataTest> tests;
    private boolean namesBound;
    private Warehouse warehouse;
    private Consumer<String> progress = line -> { };

    private Analytics(Settings settings) {
        this.settings = settings;
        this.manifest = compiler.parse(ProjectLoader.load(settings.projectDir()), settings.schema(), settings.vars());
        this.tests = new TestPlanner(compiler).plan(manifest);
    }

    public static Analytics open(Settings settings) {
        return new Analytics(settings);
    }

    /** Receives one line per model or test as it finishes (the CLI prints them). */
    public Analytics onProgress(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    public Manifest manifest() {
        return manifest;
    }

    public List<DataTest> tests() {
        bindNames();
        return Collections.unmodifiableList(tests);
    }

    /** The selected models, in the order {@code run} would build them. */
    public List<String> ls(String select) {
        return List.copyOf(Selector.select(select, manifest.dag()));
    }

    /** Compiles the selected models (as this run would, incremental or not) into {@code target/compiled}. */
    public Map<String, String> compile(String select) {
        Map<String, String> out = new LinkedHashMap<>();
        ModelRunner runner = new ModelRunner(compiler, warehouse(), settings.targetDir());
        for (String model : ls(select)) {
            String sql = compiler.compile(manifest, model, incrementalRun(model));
            runner.writeCompiled(manifest, manifest.model(model), sql);
            out.put(model, sql);
        }
        return out;
    }

    public List<RunResult> run(String select) {
        return build(select, false).models();
    }

    public List<TestResult> test(String select) {
        Set<String> selected = Set.copyOf(ls(select));
        TestRunner runner = new TestRunner(warehouse(), settings.targetDir());
        List<TestResult> results = new ArrayList<>();
        for (DataTest test : tests) {
            if (test.parents().stream().anyMatch(selected::contains)) {
                results.add(report(runner.run(test, manifest.project().name())));
            }
        }
        return results;
    }

    /** Models and their tests in DAG order; a model whose upstream failed (or failed a test) is skipped. */
    public BuildResult build(String select) {
        return build(select, true);
    }

    private BuildResult build(String select, boolean withTests) {
        List<String> models = ls(select);
        Set<String> selected = Set.copyOf(models);
        ModelRunner modelRunner = new ModelRunner(compiler, warehouse(), settings.targetDir());
        TestRunner testRunner = new TestRunner(warehouse(), settings.targetDir());
        Set<String> blocked = new HashSet<>(); // failed, skipped, or failed a test: their children are skipped
        Set<String> notBuilt = new HashSet<>(); // failed or skipped: tests reading them cannot run
        Set<String> done = new HashSet<>();
        List<DataTest> pending = new ArrayList<>();
        if (withTests) {
            tests.stream().filter(t -> t.parents().stream().anyMatch(selected::contains)).forEach(pending::add);
        }
        List<RunResult> runs = new ArrayList<>();
        List<TestResult> testResults = new ArrayList<>();
        for (String model : buildOrder(models, pending)) {
            done.add(model);
            Set<String> ancestors = manifest.dag().ancestors(model);
            String failedUpstream = manifest.dag().order().stream() // the first in DAG order: the cause, not a skip
                    .filter(ancestors::contains).filter(blocked::contains).findFirst().orElse(null);
            RunResult result = failedUpstream != null
                    ? new RunResult(model, manifest.model(model).config().materialized(), RunResult.Status.SKIPPED, 0,
                            "upstream " + failedUpstream + " failed or failed a test", 0)
                    : modelRunner.run(manifest, model, settings.fullRefresh());
            runs.add(report(result));
            if (result.status() != RunResult.Status.SUCCESS) {
                blocked.add(model);
                notBuilt.add(model);
            }
            // A test runs as soon as every model it reads is done; a failure blocks the tested model's children.
            for (DataTest test : List.copyOf(pending)) {
                if (test.parents().stream().allMatch(p -> done.contains(p) || !selected.contains(p))) {
                    pending.remove(test);
                    TestResult t = test.parents().stream().anyMatch(notBuilt::contains)
                            ? new TestResult(test.name(), test.model(), TestResult.Status.SKIPPED, 0, List.of(),
                                    "a model it reads was not built")
                            : testRunner.run(test, manifest.project().name());
                    testResults.add(report(t));
                    if (t.status() != TestResult.Status.PASS && !test.model().isEmpty()) {
                        blocked.add(test.model());
                    }
                }
            }
        }
        return new BuildResult(runs, testResults);
    }

    /**
     * DAG order, with one more rule for {@code build}: a model also waits for every model its parents' tests read
     * (a relationships test on stg_orders reads stg_customers), so that those tests have run before it.
     */
    private List<String> buildOrder(List<String> models, List<DataTest> pending) {
        if (pending.isEmpty()) {
            return models;
        }
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String model : models) {
            Set<String> waitFor = new HashSet<>(manifest.dag().parents(model));
            for (DataTest test : pending) {
                if (manifest.dag().parents(model).contains(test.model())) {
                    waitFor.addAll(test.parents());
                }
            }
            waitFor.remove(model);
            waitFor.retainAll(models);
            parents.put(model, waitFor);
        }
        try {
            return Dag.of(parents).order();
        } catch (ProjectError cycle) {
            return models; // a test reads a model downstream of the one it tests: fall back to plain DAG order
        }
    }

    /** Writes {@code target/docs/index.html} and {@code lineage.md}; columns come from the database when built. */
    public Path docs() {
        Map<String, ModelPage> pages = new LinkedHashMap<>();
        Warehouse db = warehouse(); // first: names are quoted for this database from here on
        for (String model : manifest.dag().order()) {
            try {
                pages.put(model, new ModelPage(compiler.compile(manifest, model, false),
                        db.columns(manifest.relation(model))));
            } catch (SQLException e) {
                throw new ProjectError("cannot read the columns of " + manifest.relation(model) + ": "
                        + e.getMessage());
            }
        }
        return new DocsGenerator().generate(manifest, pages, tests, settings.targetDir().resolve("docs"));
    }

    private boolean incrementalRun(String model) {
        try {
            return manifest.model(model).config().isIncremental() && !settings.fullRefresh()
                    && warehouse().kind(manifest.relation(model)).orElse(null) == Kind.TABLE;
        } catch (SQLException e) {
            throw new ProjectError("cannot look up " + manifest.relation(model) + ": " + e.getMessage());
        }
    }

    private RunResult report(RunResult r) {
        progress.accept(String.format("%-8s %-28s %-12s %s", r.status(), r.model(), r.materialized(),
                r.status() == RunResult.Status.SUCCESS
                        ? (r.rows() < 0 ? "" : r.rows() + " rows ") + "in " + r.millis() + " ms"
                        : r.message()));
        return r;
    }

    private TestResult report(TestResult t) {
        progress.accept(String.format("%-8s %s%s", t.status(), t.name(),
                switch (t.status()) {
                    case FAIL -> ": " + t.failures() + " failing rows, e.g. " + t.sample();
                    case ERROR -> ": " + t.message();
                    default -> "";
                }));
        return t;
    }

    public Warehouse warehouse() {
        if (warehouse == null) {
            warehouse = Warehouse.connect(settings.jdbcUrl(), settings.user(), settings.password());
        }
        bindNames();
        return warehouse;
    }

    /**
     * Once connected: the manifest (and the tests' SQL) quote names the way this database folds them. Opening
     * parsed and planned with the standard rule, so a bad project is refused before the database is touched.
     */
    private void bindNames() {
        if (namesBound) {
            return;
        }
        namesBound = true;
        try {
            manifest = manifest.withNames(warehouse().names()); // warehouse() connects; this method ran already
        } catch (SQLException e) {
            throw new ProjectError("cannot read the database's metadata: " + e.getMessage());
        }
        tests = new TestPlanner(compiler).plan(manifest);
    }

    @Override
    public void close() {
        if (warehouse != null) {
            warehouse.close();
        }
    }
}
