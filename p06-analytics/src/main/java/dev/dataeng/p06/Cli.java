package dev.dataeng.p06;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dataeng.common.fooddelivery.Dirt;
import dev.dataeng.common.fooddelivery.DirtKind;
import dev.dataeng.common.fooddelivery.ExportReport;
import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.p06.project.ProjectError;
import dev.dataeng.p06.run.RunResult;
import dev.dataeng.p06.run.Warehouse;
import dev.dataeng.p06.sources.SourceLoader;
import dev.dataeng.p06.testing.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code p06}: dbt's workflow on a project folder. Exit codes: 0 all good, 1 a model or a test failed, 2 the project,
 * config or command line is unusable (one line on stderr says why).
 */
@Command(name = "p06", mixinStandardHelpOptions = true, version = "p06 1.0",
        description = "Transformations as code (what dbt does): load sources, then ls, compile, run, test, build, docs.",
        subcommands = {Cli.Seed.class, Cli.Ls.class, Cli.Compile.class, Cli.Run.class, Cli.Test.class, Cli.Build.class,
                Cli.Docs.class, Cli.Bench.class})
public final class Cli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e instanceof ProjectError ? e.getMessage() : e.toString()));
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Where the project and the database are; shared by every command. */
    static final class Target {
        @Option(names = "--project-dir", description = "the project folder (default: p06-analytics/project from the "
                + "repository root, else ./project)")
        Path projectDir;

        @Option(names = "--jdbc-url", description = "database to build in (default: an H2 file under the project's "
                + "target/)")
        String jdbcUrl;

        @Option(names = {"--db-user", "--user"}, description = "database user (default: $DATAENG_DB_USER, else sa "
                + "for H2)")
        String user;

        @Option(names = {"--db-password", "--password"}, arity = "0..1", interactive = true,
                description = "database password; without a value it is asked for, without echo "
                        + "(default: $DATAENG_DB_PASSWORD, else empty)")
        String password;

        @Option(names = "--schema", defaultValue = "analytics",
                description = "schema the models are built in (default: ${DEFAULT-VALUE})")
        String schema;

        @Option(names = "--target-path", description = "where compiled SQL and docs go (default: <project>/target)")
        Path targetPath;

        Path project() {
            if (projectDir != null) {
                return projectDir;
            }
            Path fromRoot = Path.of("p06-analytics", "project");
            return Files.isDirectory(fromRoot) ? fromRoot : Path.of("project");
        }

        String url() {
            return jdbcUrl != null ? jdbcUrl
                    : "jdbc:h2:file:" + project().toAbsolutePath().normalize().resolve("target").resolve("warehouse");
        }

        Path targetDir() {
            return targetPath != null ? targetPath : project().resolve("target");
        }
    }

    /** Selection and run options. */
    static final class RunOptions {
        @Option(names = {"-s", "--select"}, defaultValue = "",
                description = "models: name, name+ (and downstream), +name (and upstream); several separated by spaces")
        String select;

        @Option(names = "--vars", defaultValue = "", description = "YAML/JSON map overriding dbt_project.yml vars, "
                + "e.g. '{revenue_status: CANCELLED}'")
        String vars;

        @Option(names = "--full-refresh", description = "rebuild incremental models from scratch")
        boolean fullRefresh;

        Map<String, Object> parsedVars() {
            if (vars.isBlank()) {
                return Map.of();
            }
            try {
                Object value = new ObjectMapper(new YAMLFactory()).readValue(vars, Object.class);
                if (!(value instanceof Map<?, ?> map)) {
                    throw new ProjectError("--vars must be a map, e.g. '{revenue_status: CANCELLED}'");
                }
                Map<String, Object> out = new HashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            } catch (java.io.IOException e) {
                throw new ProjectError("--vars is not YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** A command on a project: where it is, what to select, and the run's options. */
    abstract static class ProjectCommand implements Callable<Integer> {
        @Mixin
        Target target;
        @Mixin
        RunOptions options;

        Analytics open() {
            return Cli.open(target, options);
        }
    }

    static Analytics open(Target target, RunOptions options) {
        Analytics.Settings settings = new Analytics.Settings(target.project(), target.url(), target.user,
                target.password, target.schema, target.targetDir(), options == null ? Map.of() : options.parsedVars(),
                options != null && options.fullRefresh);
        return Analytics.open(settings).onProgress(System.out::println);
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Generate the food-delivery raw tables (seeded) and load them into the source schema.")
    static final class Seed implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--seed", defaultValue = "42", description = "generator seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--scale", defaultValue = "0.1", description = "1.0 = 10,000 orders (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--days", defaultValue = "30", description = "days the orders span (default: ${DEFAULT-VALUE})")
        int days;

        @Option(names = "--days-loaded", description = "load only the first N days of orders (default: all)")
        Integer daysLoaded;

        @Option(names = "--dirt", defaultValue = "0", description = "share of dirty records in --dirty-tables")
        double dirt;

        @Option(names = "--dirty-tables", split = ",", defaultValue = "orders,deliveries",
                description = "tables that get dirt (default: ${DEFAULT-VALUE})")
        List<String> dirtyTables;

        @Option(names = "--source-schema", defaultValue = "raw", description = "default: ${DEFAULT-VALUE}")
        String sourceSchema;

        @Override
        public Integer call() {
            GeneratorConfig config = GeneratorConfig.of(seed, scale).withDays(LocalDate.of(2025, 1, 1), days);
            Map<String, Dirt> dirtByTable = new HashMap<>();
            Dirt kinds = new Dirt(dirt, EnumSet.of(DirtKind.DUPLICATE, DirtKind.ORPHAN_KEY, DirtKind.UNKNOWN_CODE,
                    DirtKind.MISSING_REQUIRED, DirtKind.DELIVERY_BEFORE_PICKUP));
            dirtyTables.forEach(t -> dirtByTable.put(t.strip(), kinds));
            try (Warehouse warehouse = Warehouse.connect(target.url(), target.user, target.password)) {
                List<ExportReport> reports = new SourceLoader(warehouse, sourceSchema).load(config,
                        daysLoaded == null ? days : daysLoaded, dirtByTable, target.targetDir().resolve("raw-export"));
                for (ExportReport r : reports) {
                    System.out.printf("loaded %-12s %7d rows into %s.%s%s%n", r.table(), r.records(), sourceSchema,
                            r.table(), r.dirty().isEmpty() ? "" : "  dirt: " + r.counts());
                }
            }
            return 0;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the selected models in build order.")
    static final class Ls extends ProjectCommand {

        @Override
        public Integer call() {
            try (Analytics a = open()) {
                for (String model : a.ls(options.select)) {
                    System.out.printf("%-28s %-12s <- %s%n", model, a.manifest().model(model).config().materialized(),
                            String.join(", ", a.manifest().dag().parents(model).isEmpty()
                                    ? a.manifest().model(model).sources() : a.manifest().dag().parents(model)));
                }
            }
            return 0;
        }
    }

    @Command(name = "compile", mixinStandardHelpOptions = true,
            description = "Render the selected models to SQL under target/compiled/ and print it.")
    static final class Compile extends ProjectCommand {

        @Override
        public Integer call() {
            try (Analytics a = open()) {
                a.compile(options.select).forEach((model, sql) -> System.out.println("-- " + model + "\n" + sql + "\n"));
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Build the selected models in DAG order.")
    static final class Run extends ProjectCommand {

        @Override
        public Integer call() {
            try (Analytics a = open()) {
                return summary(a.run(options.select), List.of());
            }
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the data tests of the selected models; print failing-row counts and samples.")
    static final class Test extends ProjectCommand {

        @Override
        public Integer call() {
            try (Analytics a = open()) {
                return summary(List.of(), a.test(options.select));
            }
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Run models and their tests in DAG order; skip what is downstream of a failure.")
    static final class Build extends ProjectCommand {

        @Override
        public Integer call() {
            try (Analytics a = open()) {
                Analytics.BuildResult result = a.build(options.select);
                return summary(result.models(), result.tests());
            }
        }
    }

    @Command(name = "docs", mixinStandardHelpOptions = true, description = "Documentation site.",
            subcommands = Docs.Generate.class)
    static final class Docs implements Callable<Integer> {
        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 2;
        }

        @Command(name = "generate", mixinStandardHelpOptions = true,
                description = "Write target/docs/index.html (models, columns, compiled SQL, lineage) and lineage.md.")
        static final class Generate extends ProjectCommand {

            @Override
            public Integer call() {
                try (Analytics a = open()) {
                    Path index = a.docs();
                    System.out.println("docs written to " + index.toAbsolutePath().normalize()
                            + " (open it in a browser; lineage.md beside it)");
                }
                return 0;
            }
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Time fct_orders' incremental run against a full refresh on the same data (one new day "
                    + "arrives); prints the ratio last.")
    static final class Bench implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--seed", defaultValue = "42", description = "generator seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--scale", defaultValue = "1.0", description = "1.0 = 10,000 orders (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--days", defaultValue = "30", description = "days of orders; the last one arrives late "
                + "(default: ${DEFAULT-VALUE})")
        int days;

        @Override
        public Integer call() {
            GeneratorConfig config = GeneratorConfig.of(seed, scale).withDays(LocalDate.of(2025, 1, 1), days);
            Path dir = target.targetDir().resolve("bench");
            String url = target.jdbcUrl != null ? target.jdbcUrl
                    : "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("warehouse");
            Analytics.Settings settings = new Analytics.Settings(target.project(), url, target.user, target.password,
                    target.schema, dir, Map.of(), false);
            load(url, config, days - 1, dir);
            try (Analytics a = Analytics.open(settings.withFullRefresh(true))) {
                a.run("+fct_orders"); // from scratch on all days but the last, whatever an earlier bench left
            }
            load(url, config, days, dir);
            long[] incremental = timeFctOrders(settings);
            long[] full = timeFctOrders(settings.withFullRefresh(true));
            System.out.printf("incremental run:   %6d rows in %6d ms%n", incremental[0], incremental[1]);
            System.out.printf("full refresh:      %6d rows in %6d ms%n", full[0], full[1]);
            System.out.printf("ratio incremental/full-refresh = %.2f%n", (double) incremental[1] / Math.max(1, full[1]));
            return 0;
        }

        private void load(String url, GeneratorConfig config, int daysLoaded, Path dir) {
            try (Warehouse warehouse = Warehouse.connect(url, target.user, target.password)) {
                new SourceLoader(warehouse, "raw").load(config, daysLoaded, Map.of(), dir.resolve("raw-export"));
            }
        }

        /** Rebuilds the staging tables (untimed), then times fct_orders alone: {rows, milliseconds}. */
        private static long[] timeFctOrders(Analytics.Settings settings) {
            try (Analytics a = Analytics.open(settings)) {
                a.run("stg_orders stg_order_items stg_deliveries");
                long start = System.nanoTime();
                RunResult r = a.run("fct_orders").get(0);
                if (r.status() != RunResult.Status.SUCCESS) {
                    throw new ProjectError("fct_orders failed: " + r.message());
                }
                return new long[] {r.rows(), (System.nanoTime() - start) / 1_000_000};
            }
        }
    }

    static int summary(List<RunResult> models, List<TestResult> tests) {
        long modelErrors = models.stream().filter(r -> r.status() == RunResult.Status.ERROR).count();
        long skipped = models.stream().filter(r -> r.status() == RunResult.Status.SKIPPED).count();
        long testsPassed = tests.stream().filter(t -> t.status() == TestResult.Status.PASS).count();
        long testsSkipped = tests.stream().filter(t -> t.status() == TestResult.Status.SKIPPED).count();
        long testFailures = tests.size() - testsPassed - testsSkipped;
        System.out.printf("Done. models: %d ok, %d error, %d skipped; tests: %d pass, %d fail/error, %d skipped%n",
                models.size() - modelErrors - skipped, modelErrors, skipped, testsPassed, testFailures, testsSkipped);
        return modelErrors + skipped + testFailures + testsSkipped == 0 ? 0 : 1;
    }
}
