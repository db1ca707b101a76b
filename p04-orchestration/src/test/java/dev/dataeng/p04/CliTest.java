package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", dir.toString(), "--scale", "0.3", "--page-size", "25", "--retry-delay",
                "PT0.01S"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    @Checklist(id = "E18", points = 1)
    @DisplayName("the CLI triggers a run and lists it (exit 0); a bad date or an unknown DAG is one line and a "
            + "non-zero exit")
    void cliTriggerRunsAndErrors() {
        Result trigger = cli("trigger", "daily_orders", "--date", "2025-01-02");
        assertThat(trigger.exit()).as("exit code of trigger; stderr: %s", trigger.err()).isZero();

        Result runs = cli("runs", "daily_orders");
        assertThat(runs.exit()).isZero();
        assertThat(runs.out()).as("runs lists the manual run with its state")
                .contains("manual__2025-01-02T00:00:00+00:00").contains("success")
                .contains("build_daily_aggregate=success");

        Result again = cli("trigger", "daily_orders", "--date", "2025-01-02");
        assertThat(again.exit()).as("a second trigger for the same logical date").isNotZero();
        assertThat(again.err().strip()).as("one line that says to use clear").doesNotContain("\n")
                .contains("clear");

        Result badDate = cli("trigger", "daily_orders", "--date", "2025-13-01");
        assertThat(badDate.exit()).isNotZero();
        assertThat(badDate.err()).contains("2025-13-01").doesNotContain("at dev.dataeng");

        Result unknown = cli("trigger", "no_such_dag", "--date", "2025-01-02");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err().strip()).as("one line naming the DAG").doesNotContain("\n")
                .contains("no_such_dag");
    }
    @Test
    @Checklist(id = "E19", points = 1)
    @DisplayName("the CLI backfills a date range, a second backfill of it leaves the succeeded runs alone, and "
            + "clear reruns a task and its downstream only")
    void cliBackfillAndClear() {
        Result backfill = cli("backfill", "daily_orders", "--from", "2025-01-03", "--to", "2025-01-04");
        assertThat(backfill.exit()).as("exit code of backfill; stderr: %s", backfill.err()).isZero();
        assertThat(backfill.out()).as("backfill summary line").contains("2 run(s), 2 success");

        Result again = cli("backfill", "daily_orders", "--from", "2025-01-03", "--to", "2025-01-04");
        assertThat(again.exit()).as("exit code of the second backfill; stderr: %s", again.err()).isZero();
        assertThat(again.out()).as("a second backfill of the same dates without --reprocess: dates whose run "
                + "succeeded are left alone (Airflow's --reprocess-behavior defaults to none). Hint: "
                + "Scheduler.backfill and the default of Cli.Backfill's --reprocess").contains("0 run(s)");

        Result clear = cli("clear", "daily_orders", "--task", "check_quality", "--date", "2025-01-04");
        assertThat(clear.exit()).as("exit code of clear; stderr: %s", clear.err()).isZero();
        assertThat(clear.out()).as("clear check_quality: it and build_daily_aggregate get a second try, the "
                + "tasks upstream keep their try. Hint: Scheduler.clear, Dag.withDownstream")
                .contains("backfill__2025-01-04T00:00:00+00:00")
                .contains("load_orders=success(try 1)")
                .contains("check_quality=success(try 2)")
                .contains("build_daily_aggregate=success(try 2)");

        List<String> lines = cli("runs", "daily_orders").out().lines().toList();
        int jan3 = lines.indexOf(lines.stream().filter(l -> l.startsWith("backfill__2025-01-03")).findFirst()
                .orElseThrow(() -> new AssertionError("runs lists no run for 2025-01-03: " + lines)));
        assertThat(lines.get(jan3 + 1)).as("tasks of the Jan 3 run after clearing Jan 4: untouched")
                .contains("check_quality=success(try 1)").contains("build_daily_aggregate=success(try 1)");
    }
    @Test
    @DisplayName("not graded: a database that cannot be opened is one line, and a password in its URL is masked")
    void passwordInUrlIsMasked() {
        // port 1: nothing listens there, so the PostgreSQL driver fails at once
        Result r = cli("runs", "daily_orders", "--metadata-url",
                "jdbc:postgresql://127.0.0.1:1/meta?user=dataeng&password=topsecret");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err().strip()).as("the error line").doesNotContain("\n").contains("password=***")
                .doesNotContain("topsecret");
    }
}
