package dev.dataeng.p04.scheduler;

import dev.dataeng.p04.dag.Dag;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DAGs a scheduler knows, by id (Airflow's {@code DagBag}, filled from Java code instead of a folder). */
public final class DagBag {
    private final Map<String, Dag> dags = new LinkedHashMap<>();

    public DagBag(Dag... all) {
        for (Dag dag : all) {
            if (dags.putIfAbsent(dag.dagId(), dag) != null) {
                throw new IllegalArgumentException("two DAGs with id '" + dag.dagId() + "'");
            }
        }
    }

    public Dag get(String dagId) {
        Dag dag = dags.get(dagId);
        if (dag == null) {
            throw new IllegalArgumentException("no DAG '" + dagId + "'; known DAGs: " + dags.keySet());
        }
        return dag;
    }

    public Collection<Dag> all() {
        return dags.values();
    }
}
