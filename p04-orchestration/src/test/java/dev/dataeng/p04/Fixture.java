package dev.dataeng.p04;

import dev.dataeng.common.testkit.H2;
import dev.dataeng.p04.dag.Dag;
import dev.dataeng.p04.scheduler.DagBag;
import dev.dataeng.p04.scheduler.Scheduler;
import dev.dataeng.p04.store.MetadataStore;
import dev.dataeng.p04.store.TaskInstance;
import dev.dataeng.p04.store.TaskTry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A metadata store in a temp folder and a scheduler over some DAGs, on fake time. */
final class Fixture implements AutoCloseable {
    final String metadataUrl;
    final MetadataStore store;
    final Scheduler scheduler;
    final FakeTime time;

    Fixture(Path dir, FakeTime time, Dag... dags) {
        this.metadataUrl = H2.fileUrl(dir, "metadata");
        this.store = new MetadataStore(metadataUrl);
        this.time = time;
        this.scheduler = new Scheduler(new DagBag(dags), store, time, time);
    }

    Map<String, TaskInstance> tasks(String dagId, String runId) {
        return store.taskInstances(dagId, runId);
    }

    List<TaskTry> tries(String dagId, String runId, String taskId) {
        return store.tries(dagId, runId, taskId);
    }

    @Override
    public void close() {
        scheduler.close();
        store.close();
    }
}
