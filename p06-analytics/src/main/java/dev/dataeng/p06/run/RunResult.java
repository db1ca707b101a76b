package dev.dataeng.p06.run;

/**
 * What happened to one model in a run.
 *
 * @param rows    rows written (a table's rows, an incremental run's new or changed rows); -1 for a view
 * @param message the database's error for ERROR, the failed upstream node for SKIPPED, empty otherwise
 */
public record RunResult(String model, String materialized, Status status, long rows, String message, long millis) {
    public enum Status { SUCCESS, ERROR, SKIPPED }
}
