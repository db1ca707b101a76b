package dev.dataeng.p03;

import dev.dataeng.common.fooddelivery.GeneratorConfig;
import dev.dataeng.p03.query.QueryCatalog;
import dev.dataeng.p03.query.QueryResult;
import dev.dataeng.p03.query.TablePrinter;
import dev.dataeng.p03.source.DayBatch;
import dev.dataeng.p03.source.GeneratorSource;
import dev.dataeng.p03.warehouse.LoadResult;
import dev.dataeng.p03.warehouse.Warehouse;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** p03's command line: build the star schema, load one day incrementally, ask the analytical questions. */
@Command(name = "p03", mixinStandardHelpOptions = true, version = "p03-modeling 1.0",
        description = "Dimensional model of the food-delivery platform on any JDBC database (H2 file by default).",
        subcommands = {Cli.Build.class, Cli.LoadDay.class, Cli.Query.class, Cli.Bench.class})
public final class Cli implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 ok, 1 job failure (one line on stderr), 2 usage error. */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new Cli());
        cmd.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("p03: " + oneLine(e));
            return 1;
        });
        return cmd.execute(args);
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Opens an existing warehouse, or fails with a hint to build it first. */
    static Connection openExisting(String jdbcUrl) throws java.sql.SQLException {
        Connection c;
        try {
            c = new Warehouse(jdbcUrl.startsWith("jdbc:h2:") ? jdbcUrl + ";IFEXISTS=TRUE" : jdbcUrl).connect();
        } catch (java.sql.SQLException e) {
            if (e.getErrorCode() == 90146) {
                throw new IllegalStateException("no warehouse at " + jdbcUrl + "; run 'build' first");
            }
            throw e;
        }
        // A database that exists but holds no star (an empty PostgreSQL database, an H2 file of another chapter):
        // SQLSTATE class 42 is "undefined table" on every engine (42S02 in H2, 42P01 in PostgreSQL).
        try (java.sql.Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM fact_order WHERE 1 = 0").close();
        } catch (java.sql.SQLException e) {
            c.close();
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                throw new IllegalStateException("no star schema (fact_order) at " + jdbcUrl + "; run 'build' first");
            }
            throw e;
        }
        return c;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the warehouse is and what the source generates; shared by every command. */
    static final class Options {
        @Option(names = "--jdbc-url", description = "warehouse database (default: ${DEFAULT-VALUE})",
                defaultValue = "jdbc:h2:file:./target/p03/warehouse")
        String jdbcUrl;
        @Option(names = "--seed", description = "generator seed (default: ${DEFAULT-VALUE})", defaultValue = "42")
        long seed;
        @Option(names = "--scale", description = "1.0 = 10,000 orders over the period (default: ${DEFAULT-VALUE})",
                defaultValue = "1.0")
        double scale;
        @Option(names = "--start", description = "first day of the period (default: ${DEFAULT-VALUE})",
                defaultValue = "2025-01-01")
        LocalDate start;
        @Option(names = "--days", description = "days in the period (default: ${DEFAULT-VALUE})", defaultValue = "90")
        int days;
        @Option(names = "--move-rate", description = "share of customers who move city (default: ${DEFAULT-VALUE})",
                defaultValue = "0.05")
        double moveRate;

        @Option(names = "--customer-feed", description = "the source sends the customer change feed (every version "
                + "so far) instead of the end-of-day snapshot")
        boolean customerFeed;

        GeneratorSource source() {
            return new GeneratorSource(GeneratorConfig.of(seed, scale).withDays(start, days).withMoveRate(moveRate));
        }

        DayBatch day(GeneratorSource source, LocalDate day) {
            return customerFeed ? source.dayWithChangeFeed(day) : source.day(day);
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Create the schema and load every day from --from to --to (default: the whole period).")
    static final class Build implements Callable<Integer> {
        @Mixin
        Options options;
        @Option(names = "--from", description = "first day to load (default: period start)")
        LocalDate from;
        @Option(names = "--to", description = "last day to load (default: period end)")
        LocalDate to;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            GeneratorSource source = options.source();
            LocalDate first = from == null ? source.firstDay() : from;
            LocalDate last = to == null ? source.lastDay() : to;
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("--to " + last + " is before --from " + first);
            }
            Warehouse warehouse = new Warehouse(options.jdbcUrl);
            warehouse.createSchema();
            long days = ChronoUnit.DAYS.between(first, last) + 1;
            int orders = 0;
            int versions = 0;
            try (Connection c = warehouse.connect();
                    ProgressBar bar = new ProgressBarBuilder().setTaskName("load days").setInitialMax(days)
                            .setStyle(ProgressBarStyle.ASCII).showSpeed().build()) {
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    LoadResult r = warehouse.loadDay(c, options.day(source, d));
                    orders += r.ordersInFact();
                    versions += r.newCustomerVersions();
                    bar.step();
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("loaded %d days (%s..%s): %d orders, %d customer versions inserted, into %s%n", days, first,
                    last, orders, versions, options.jdbcUrl);
            out.flush();
            return 0;
        }
    }

    @Command(name = "load-day", mixinStandardHelpOptions = true,
            description = "Load one day incrementally (customer snapshot or change feed + that day's orders); re-runs "
                    + "change nothing.")
    static final class LoadDay implements Callable<Integer> {
        @Mixin
        Options options;
        @Option(names = "--date", required = true, description = "the day to load, e.g. 2025-02-15")
        LocalDate date;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Warehouse warehouse = new Warehouse(options.jdbcUrl);
            warehouse.createSchema();
            LoadResult r = warehouse.loadDay(options.day(options.source(), date));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s: %d orders in fact_order, %d customers staged, %d new customer versions, "
                    + "%d orders with unknown customer, %d facts re-pointed%n", r.day(), r.ordersInFact(),
                    r.customersStaged(), r.newCustomerVersions(), r.factsWithUnknownCustomer(), r.factsRepointed());
            out.flush();
            return 0;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Run a named analytical query and print its result as a table.")
    static final class Query implements Callable<Integer> {
        @Mixin
        Options options;
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "one of: ${COMPLETION-CANDIDATES}",
                completionCandidates = Names.class)
        String name;
        @Option(names = "--list", description = "list the query names")
        boolean list;
        @Option(names = "--sql", description = "print the SQL instead of running it")
        boolean showSql;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (list || name == null) {
                QueryCatalog.NAMES.forEach(out::println);
                out.flush();
                return name == null && !list ? 2 : 0;
            }
            if (showSql) {
                out.println(QueryCatalog.sql(name));
                out.flush();
                return 0;
            }
            try (Connection c = openExisting(options.jdbcUrl)) {
                QueryResult result = QueryCatalog.run(c, name);
                TablePrinter.print(result, out);
            }
            return 0;
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return QueryCatalog.NAMES.iterator();
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Time 'top restaurants per cuisine' on the star (ours) and on the snowflake (reference).")
    static final class Bench implements Callable<Integer> {
        @Mixin
        Options options;
        @Option(names = "--repeat", description = "runs of each query (default: ${DEFAULT-VALUE})",
                defaultValue = "30")
        int repeat;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Connection c = openExisting(options.jdbcUrl)) {
                for (int i = 0; i < 3; i++) { // warm-up
                    QueryCatalog.run(c, "top_restaurants_per_cuisine");
                    QueryCatalog.run(c, "top_restaurants_per_cuisine_snowflake");
                }
                long star = 0;
                long snowflake = 0;
                for (int i = 0; i < repeat; i++) { // interleaved, so both see the same machine load
                    long t0 = System.nanoTime();
                    QueryCatalog.run(c, "top_restaurants_per_cuisine");
                    long t1 = System.nanoTime();
                    QueryCatalog.run(c, "top_restaurants_per_cuisine_snowflake");
                    long t2 = System.nanoTime();
                    star += t1 - t0;
                    snowflake += t2 - t1;
                }
                out.printf("star      %8.2f ms per query (%d runs)%n", star / 1e6 / repeat, repeat);
                out.printf("snowflake %8.2f ms per query (%d runs)%n", snowflake / 1e6 / repeat, repeat);
                out.printf("ratio star/snowflake = %.2f%n", (double) star / snowflake);
            }
            out.flush();
            return 0;
        }
    }
}
