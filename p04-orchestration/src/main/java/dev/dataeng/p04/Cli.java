package dev.dataeng.p04;

import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.scheduler.Reprocess;
import dev.dataeng.p04.scheduler.RunListener;
import dev.dataeng.p04.scheduler.Scheduler;
import dev.dataeng.p04.scheduler.Sleeper;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.TaskInstance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code p04}: the orchestrator's command line, shaped like Airflow's ({@code airflow dags list}, …). */
@Command(name = "p04", mixinStandardHelpOptions = true, version = "p04 1.0",
        description = "A small orchestrator with Airflow's semantics, and a daily orders pipeline to run with it.",
        subcommands = {Cli.Dags.class, Cli.Trigger.class, Cli.Backfill.class, Cli.Runs.class, Cli.Clear.class,
                Cli.SchedulerCommand.class})
public final class Cli {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with its output going to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, badArgs) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable root = e;
            while (root.getCause() != null && root.getMessage() == null) {
                root = root.getCause();
            }
            commandLine.getErr().println("error: " + root.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** Options every command shares: where things live, and the demo source's behaviour. */
    static final class Common {
        @Option(names = "--home", description = "folder for the H2 files and the landing zone "
                + "(default: p04-orchestration/target/p04-home from the repository root)")
        Path home;
        @Option(names = "--metadata-url", description = "JDBC URL of the metadata DB, e.g. "
                + "jdbc:postgresql://host:5432/db?user=u&password=p (default: H2 file in --home)")
        String metadataUrl;
        @Option(names = "--warehouse-url", description = "JDBC URL of the warehouse, same forms as --metadata-url "
                + "(default: H2 file in --home)")
        String warehouseUrl;
        @Option(names = "--seed", defaultValue = "42", description = "data generator seed (default: ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--scale", defaultValue = "1.0", description = "1.0 = 10,000 orders over 30 days")
        double scale;
        @Option(names = "--api-failure-rate", defaultValue = "0.2",
                description = "share of API pages that answer 503 once (default: ${DEFAULT-VALUE})")
        double apiFailureRate;
        @Option(names = "--page-size", defaultValue = "100", description = "orders per API page")
        int pageSize;
        @Option(names = "--retry-delay", defaultValue = "PT0.2S",
                description = "first retry delay of extract_orders, doubled each retry (default: ${DEFAULT-VALUE})")
        Duration retryDelay;
        @Option(names = "--poke-interval", defaultValue = "PT0.5S", description = "sensor poke interval")
        Duration pokeInterval;
        @Option(names = "--sensor-timeout", defaultValue = "PT3S", description = "sensor timeout")
        Duration sensorTimeout;

        Environment open(Clock clock) {
            Path dir = home != null ? home
                    : Files.isDirectory(Path.of("p04-orchestration")) ? Path.of("p04-orchestration/target/p04-home")
                    : Path.of("target/p04-home");
            if (apiFailureRate < 0 || apiFailureRate >= 1) {
                throw new IllegalArgumentException("--api-failure-rate must be in [0, 1), was " + apiFailureRate);
            }
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("--page-size must be in [1, 1000], was " + pageSize);
            }
            return new Environment(dir, metadataUrl, warehouseUrl, seed, scale, apiFailureRate, pageSize,
                    retryDelay, pokeInterval, sensorTimeout, clock, Sleeper.SYSTEM);
        }
    }

    /** Prints one line per finished run, with the rate and an estimate of the time left. */
    static RunListener progress(PrintWriter out) {
        long started = System.nanoTime();
        return (run, done, total) -> {
            double elapsed = (System.nanoTime() - started) / 1e9;
            double eta = done == 0 ? 0 : elapsed / done * (total - done);
            out.printf("[%d/%d] %s %s %s  (%.1f s elapsed, %.2f runs/s, ETA %.1f s)%n", done, total, run.dagId(),
                    run.runId(), run.state().name().toLowerCase(), elapsed, done / Math.max(elapsed, 1e-9), eta);
        };
    }

    static int exitCode(List<DagRun> runs) {
        return runs.stream().allMatch(r -> r.state() == DagRunState.SUCCESS) ? 0 : 1;
    }

    @Command(name = "dags", description = "DAG commands.", subcommands = Dags.ListDags.class,
            mixinStandardHelpOptions = true)
    static final class Dags {
        @Command(name = "list", description = "List the DAGs with their schedule and tasks.",
                mixinStandardHelpOptions = true)
        static final class ListDags implements Callable<Integer> {
            @Mixin
            Common common;
            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                PrintWriter out = spec.commandLine().getOut();
                try (Environment env = common.open(Clock.systemUTC())) {
                    out.printf("%-14s %-9s %-22s %-22s %-7s %s%n", "dag_id", "schedule", "start_date", "end_date",
                            "catchup", "tasks (topological order)");
                    for (Dag dag : env.scheduler().dags().all()) {
                        out.printf("%-14s %-9s %-22s %-22s %-7s %s%n", dag.dagId(), dag.schedule().expression(),
                                dag.startDate(), dag.endDate().map(Instant::toString).orElse("-"), dag.catchup(),
                                String.join(" >> ", dag.topologicalOrder()));
                    }
                }
                return 0;
            }
        }
    }

    @Command(name = "trigger", description = "Run a DAG now for the interval that starts on --date.",
            mixinStandardHelpOptions = true)
    static final class Trigger implements Callable<Integer> {
        @Mixin
        Common common;
        @Parameters(index = "0", description = "DAG id")
        String dagId;
        @Option(names = "--date", required = true, description = "logical date, e.g. 2025-01-03")
        LocalDate date;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return runOne(common, spec, scheduler -> scheduler.trigger(dagId, date));
        }
    }

    @Command(name = "backfill", description = "Run a DAG for every logical date from --from to --to (included).",
            mixinStandardHelpOptions = true)
    static final class Backfill implements Callable<Integer> {
        @Mixin
        Common common;
        @Parameters(index = "0", description = "DAG id")
        String dagId;
        @Option(names = "--from", required = true, description = "first logical date")
        LocalDate from;
        @Option(names = "--to", required = true, description = "last logical date (included)")
        LocalDate to;
        // NONE by default, like Airflow 3's `airflow backfill create --reprocess-behavior` ("Default is none")
        @Option(names = "--reprocess", defaultValue = "NONE",
                description = "dates that already have a run: NONE (leave them), FAILED (rerun failed runs) or "
                        + "COMPLETED (rerun failed and succeeded runs) (default: ${DEFAULT-VALUE}, as in Airflow)")
        Reprocess reprocess;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Environment env = common.open(Clock.systemUTC())) {
                env.scheduler().onRunFinished(progress(out));
                List<DagRun> runs = env.scheduler().backfill(dagId, from, to, reprocess);
                out.printf("backfill %s %s..%s: %d run(s), %d success%n", dagId, from, to, runs.size(),
                        runs.stream().filter(r -> r.state() == DagRunState.SUCCESS).count());
                return exitCode(runs);
            }
        }
    }

    @Command(name = "runs", description = "List a DAG's runs and their task instances.",
            mixinStandardHelpOptions = true)
    static final class Runs implements Callable<Integer> {
        @Mixin
        Common common;
        @Parameters(index = "0", description = "DAG id")
        String dagId;
        @Option(names = "--logs", description = "print the task logs too")
        boolean logs;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Environment env = common.open(Clock.systemUTC())) {
                env.scheduler().dags().get(dagId);
                List<DagRun> runs = env.store().runs(dagId);
                if (runs.isEmpty()) {
                    out.println("no runs of " + dagId + " yet");
                }
                for (DagRun run : runs) {
                    printTasks(out, env, run);
                    if (logs) {
                        env.store().logs(dagId, run.runId()).forEach(line -> out.println("    " + line));
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "clear", description = "Clear a task (and its downstream tasks) for a date, and rerun them.",
            mixinStandardHelpOptions = true)
    static final class Clear implements Callable<Integer> {
        @Mixin
        Common common;
        @Parameters(index = "0", description = "DAG id")
        String dagId;
        @Option(names = "--task", required = true, description = "task id")
        String taskId;
        @Option(names = "--date", required = true, description = "logical date of the run")
        LocalDate date;
        @Option(names = "--no-downstream", description = "clear only the task itself")
        boolean noDownstream;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return runOne(common, spec, scheduler -> scheduler.clear(dagId, taskId, date, !noDownstream));
        }
    }

    @Command(name = "scheduler", description = "One scheduler pass: handle zombies, create every due run "
            + "(catch-up), run them.", mixinStandardHelpOptions = true)
    static final class SchedulerCommand implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--now", description = "pretend it is this instant (default: the real time), "
                + "e.g. 2025-01-08T00:00:00Z")
        Instant now;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            // --now shifts the real clock: time still passes (retry delays, sensor timeouts) from that instant on
            Clock clock = now == null ? Clock.systemUTC()
                    : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
            try (Environment env = common.open(clock)) {
                Scheduler scheduler = env.scheduler().onRunFinished(progress(out));
                List<DagRun> runs = scheduler.runOnce();
                out.printf("scheduler pass: %d run(s) finished%n", runs.size());
                return exitCode(runs);
            }
        }
    }

    /** What a command does with the scheduler to get one run done. */
    interface OneRun {
        DagRun apply(Scheduler scheduler) throws Exception;
    }

    /** Opens the environment, does {@code action} with progress output, prints the run's tasks, exit 0 or 1. */
    static int runOne(Common common, CommandLine.Model.CommandSpec spec, OneRun action) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Environment env = common.open(Clock.systemUTC())) {
            env.scheduler().onRunFinished(progress(out));
            DagRun run = action.apply(env.scheduler());
            printTasks(out, env, run);
            return exitCode(List.of(run));
        }
    }

    static void printTasks(PrintWriter out, Environment env, DagRun run) {
        out.printf("%s  %-9s %-8s interval [%s, %s)%n", run.runId(), run.runType().prefix(),
                run.state().name().toLowerCase(), run.dataInterval().start(), run.dataInterval().end());
        Map<String, TaskInstance> tis = env.store().taskInstances(run.dagId(), run.runId());
        StringBuilder line = new StringBuilder("    ");
        for (String taskId : env.scheduler().dags().get(run.dagId()).topologicalOrder()) {
            TaskInstance ti = tis.get(taskId);
            if (ti != null) {
                line.append(taskId).append('=').append(ti.state().airflowName()).append("(try ")
                        .append(ti.tryNumber()).append(") ");
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
