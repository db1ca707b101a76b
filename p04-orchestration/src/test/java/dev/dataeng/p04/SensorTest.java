package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p04.example.ExampleDags;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.TaskInstance;
import dev.dataeng.p04.store.TaskState;
import dev.dataeng.p04.store.TaskTry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorTest {
    private static final String REPORT = ExampleDags.DAILY_REPORT;

    @TempDir
    Path dir;

    @Test
    @Checklist(id = "E15", points = 2)
    @DisplayName("a sensor whose partition never appears fails after its timeout (poking every interval, on a fake "
            + "clock), is not retried, and its downstream does not run")
    void sensorTimesOut() throws Exception {
        FakeTime time = FakeTime.at("2025-02-01T00:00:00Z");
        try (Environment env = ExamplePipeline.open(dir, time)) {
            Instant before = time.instant();
            DagRun run = env.scheduler().trigger(REPORT, LocalDate.of(2025, 1, 10));

            Map<String, TaskInstance> tis = env.store().taskInstances(REPORT, run.runId());
            TaskInstance sensor = tis.get("wait_for_daily_city_sales");
            assertThat(sensor.state()).as("sensor state after its timeout").isEqualTo(TaskState.FAILED);
            List<TaskTry> tries = env.store().tries(REPORT, run.runId(), "wait_for_daily_city_sales");
            assertThat(tries).as("a sensor timeout is final, even with retries = 2 (AirflowSensorTimeout)")
                    .hasSize(1);
            assertThat(tries.get(0).error()).contains("timed out");
            // 12 waits: stop when the time waited reaches the timeout (this chapter); 13: fail only once it
            // exceeds the timeout (Airflow's BaseSensorOperator). Both are right; fewer or more are not.
            assertThat(time.sleeps()).as("waits of the sensor with a 5 min poke interval and a 1 h timeout: 12 "
                    + "(stop when 1 h is reached) or 13 (stop once it is exceeded, as Airflow). Hint: "
                    + "FileSensor.execute pokes, checks the time waited against the timeout, then waits with "
                    + "context.sleeper(), never a real sleep")
                    .hasSizeBetween(12, 13).allMatch(d -> d.equals(Duration.ofMinutes(5)));
            assertThat(Duration.between(before, time.instant())).as("fake time spent poking: the waits, nothing "
                    + "else").isEqualTo(Duration.ofMinutes(5).multipliedBy(time.sleeps().size()));
            assertThat(tis.get("export_report").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(env.config().reportFile(LocalDate.of(2025, 1, 10))).doesNotExist();
            assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        }
    }

    @Test
    @Checklist(id = "E16", points = 1)
    @DisplayName("a sensor succeeds as soon as its partition appears, and the task after it runs")
    void sensorSucceedsWhenThePartitionAppears() throws Exception {
        FakeTime time = FakeTime.at("2025-02-01T00:00:00Z");
        LocalDate day = LocalDate.of(2025, 1, 11);
        try (Environment env = ExamplePipeline.open(dir, time)) {
            env.scheduler().trigger(ExampleDags.DAILY_ORDERS, day);
            Path marker = env.config().martMarker(day);
            String published = Files.readString(marker);
            Files.delete(marker); // not published yet: it comes back during the third wait
            int sleepsBefore = time.sleeps().size();
            time.afterSleep(n -> {
                if (n == sleepsBefore + 3) {
                    try {
                        Files.writeString(marker, published);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });

            DagRun run = env.scheduler().trigger(REPORT, day);

            assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
            assertThat(time.sleeps().size() - sleepsBefore).as("pokes waited for before the marker appeared")
                    .isEqualTo(3);
            List<String> csv = Files.readAllLines(env.config().reportFile(day));
            assertThat(csv.subList(1, csv.size())).as("report rows = the day's daily_city_sales")
                    .containsExactlyElementsOf(ExamplePipeline.expectedDailyCitySales(day).stream()
                            .map(r -> r.replace('|', ',')).toList());
        }
    }
}
