package dev.dataeng.p04.scheduler;

import dev.dataeng.p04.store.DagRun;

/** Told when a DAG run ends (the CLI prints progress with it). */
@FunctionalInterface
public interface RunListener {
    void finished(DagRun run, int done, int total);

    RunListener SILENT = (run, done, total) -> {
    };
}
