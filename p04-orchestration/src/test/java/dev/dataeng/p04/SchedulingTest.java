package dev.dataeng.p04;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.dag.Task;
import dev.dataeng.p04.schedule.Schedule;
import dev.dataeng.p04.store.DagRun;
import dev.dataeng.p04.store.DagRunState;
import dev.dataeng.p04.store.RunType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulingTest {
    @TempDir
    Path dir;

    /** What each run's task saw as its ds / data interval, keyed by run id. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    private Dag dag(String id, String schedule, String startDate, boolean catchup) {
        return Dag.builder(id).schedule(Schedule.parse(schedule)).startDate(Instant.parse(startDate))
                .catchup(catchup)
                .task(Task.of("work", ctx -> seen.put(ctx.runId(), ctx.ds() + " " + ctx.dataInterval().start()
                        + ".." + ctx.dataInterval().end())))
                .build();
    }

    private static List<Instant> logicalDates(List<DagRun> runs) {
        return runs.stream().map(DagRun::logicalDate).toList();
    }

    @Test
    @Checklist(id = "E8", points = 2)
    @DisplayName("catch-up creates exactly one run per missed interval since start_date (cron and fixed interval)")
    void catchupCount() throws Exception {
        Dag cron = dag("six_am", "0 6 * * *", "2025-01-01T00:00:00Z", true);
        Dag every6h = dag("every_6h", "PT6H", "2025-01-01T00:00:00Z", true);
        try (Fixture f = new Fixture(dir, FakeTime.at("2025-01-06T10:00:00Z"), cron, every6h)) {
            f.scheduler.runOnce();

            List<DagRun> cronRuns = f.store.runs("six_am");
            assertThat(logicalDates(cronRuns)).as("'0 6 * * *' from 2025-01-01T00:00 seen at 2025-01-06T10:00: "
                    + "intervals start at 06:00 on Jan 1..5 (the Jan 6 one ends only on Jan 7). Hint: "
                    + "RunPlanner.dueIntervals")
                    .containsExactly(Instant.parse("2025-01-01T06:00:00Z"), Instant.parse("2025-01-02T06:00:00Z"),
                            Instant.parse("2025-01-03T06:00:00Z"), Instant.parse("2025-01-04T06:00:00Z"),
                            Instant.parse("2025-01-05T06:00:00Z"));
            assertThat(cronRuns).allSatisfy(r -> {
                assertThat(r.runType()).isEqualTo(RunType.SCHEDULED);
                assertThat(r.state()).isEqualTo(DagRunState.SUCCESS);
                assertThat(r.dataInterval().end()).as("a daily interval")
                        .isEqualTo(r.logicalDate().plus(Duration.ofDays(1)));
            });
            assertThat(f.store.runs("every_6h")).as("PT6H from 2025-01-01T00:00 at 2025-01-06T10:00: "
                    + "5 days * 4 + 1 (the 06:00-12:00 interval of Jan 6 has not ended)").hasSize(21);

            f.scheduler.runOnce();
            assertThat(f.store.runs("six_am")).as("a second scheduler pass at the same time creates no run")
                    .hasSize(5);
        }
    }

    @Test
    @Checklist(id = "E9", points = 2)
    @DisplayName("a run for [logical_date, next) starts only once its interval has ended; catchup=False skips "
            + "to the latest interval")
    void runsAfterTheEndOfTheirInterval() throws Exception {
        Dag daily = dag("daily", "@daily", "2025-01-01T00:00:00Z", true);
        Dag latestOnly = dag("latest_only", "@daily", "2025-01-01T00:00:00Z", false);
        FakeTime time = FakeTime.at("2025-01-03T00:00:00Z");
        try (Fixture f = new Fixture(dir, time, daily, latestOnly)) {
            f.scheduler.runOnce();
            List<DagRun> runs = f.store.runs("daily");
            assertThat(logicalDates(runs)).as("at 2025-01-03T00:00 the intervals of Jan 1 and Jan 2 have ended, "
                    + "the one of Jan 3 has just begun")
                    .containsExactly(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"));
            assertThat(seen.get(runs.get(1).runId())).as("what the task of the Jan 2 run sees (ds, data interval)")
                    .isEqualTo("2025-01-02 2025-01-02T00:00:00Z..2025-01-03T00:00:00Z");

            time.advance(Duration.ofHours(23).plusMinutes(59).plusSeconds(59));
            f.scheduler.runOnce();
            assertThat(f.store.runs("daily")).as("one second before the Jan 3 interval ends").hasSize(2);
            time.advance(Duration.ofSeconds(1));
            f.scheduler.runOnce();
            assertThat(logicalDates(f.store.runs("daily"))).as("once Jan 3 has ended")
                    .endsWith(Instant.parse("2025-01-03T00:00:00Z")).hasSize(3);

            assertThat(logicalDates(f.store.runs("latest_only"))).as("catchup=False: only the latest interval, "
                    + "the older ones are skipped")
                    .containsExactly(Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-03T00:00:00Z"));
        }
    }
}
