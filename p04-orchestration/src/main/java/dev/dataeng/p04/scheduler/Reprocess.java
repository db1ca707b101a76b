package dev.dataeng.p04.scheduler;

/**
 * What a backfill does with dates that already have a run (Airflow 3's {@code --reprocess-behavior}):
 * {@code NONE} leaves them alone, {@code FAILED} reruns failed runs, {@code COMPLETED} reruns every run.
 */
public enum Reprocess {
    NONE, FAILED, COMPLETED
}
