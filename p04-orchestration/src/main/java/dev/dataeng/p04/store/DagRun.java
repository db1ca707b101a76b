package dev.dataeng.p04.store;

import dev.dataeng.p04.schedule.DataInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A row of {@code dag_run}. {@code logicalDate == dataInterval.start()}. */
public record DagRun(String dagId, String runId, RunType runType, DataInterval dataInterval, DagRunState state,
        Instant startDate, Instant endDate) {

    public Instant logicalDate() {
        return dataInterval.start();
    }

    public LocalDate ds() {
        return LocalDate.ofInstant(dataInterval.start(), ZoneOffset.UTC);
    }
}
