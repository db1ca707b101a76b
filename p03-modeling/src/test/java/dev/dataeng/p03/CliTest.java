package dev.dataeng.p03;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.testkit.H2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract (not graded): exit codes and one-line causes. */
class CliTest {
    @TempDir
    Path dir;

    @Test
    void badInputStopsWithOneLineAndNonZeroExit() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Cli.run("load-day", "--date", "2031-01-01", "--jdbc-url", H2.fileUrl(dir, "w"))).isEqualTo(1);
            assertThat(Cli.run("query", "no_such_query", "--jdbc-url", H2.fileUrl(dir, "w"))).isEqualTo(1);
            assertThat(Cli.run("query", "gmv_by_city_month", "--jdbc-url", H2.fileUrl(dir, "missing"))).isEqualTo(1);
            H2.scalar(H2.fileUrl(dir, "empty"), "SELECT 1"); // a database that exists but holds no star
            assertThat(Cli.run("query", "gmv_by_city_month", "--jdbc-url", H2.fileUrl(dir, "empty"))).isEqualTo(1);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "p03: date 2031-01-01 is outside the generated period 2025-01-01..2025-03-31 (see --start and --days)",
                "p03: unknown query 'no_such_query'; known: gmv_by_city_month, top_restaurants_per_cuisine, "
                        + "top_restaurants_per_cuisine_snowflake, repeat_customer_rate, cohort_retention, "
                        + "avg_delivery_time_by_hour, customers_who_moved",
                "p03: no warehouse at " + H2.fileUrl(dir, "missing") + "; run 'build' first",
                "p03: no star schema (fact_order) at " + H2.fileUrl(dir, "empty") + "; run 'build' first");
    }
}
