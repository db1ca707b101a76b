package dev.dataeng.p08.cli;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Queries 3, 4 and 6 as the CLI names them. Kept apart from {@link dev.dataeng.p08.model.Query} (queries 1, 2 and 5,
 * which every engine answers and {@code CrossEngineTest} compares): not every engine has these.
 */
public enum StatefulQuery {
    SESSIONS("sessions", EnumSet.allOf(Engine.class)),
    ENRICH("enrich", EnumSet.of(Engine.KSTREAMS, Engine.FLINK_SQL, Engine.SPARK)),
    SILENCE("silence", EnumSet.of(Engine.KSTREAMS, Engine.FLINK, Engine.SPARK));

    private final String cliName;
    private final Set<Engine> engines;

    StatefulQuery(String cliName, Set<Engine> engines) {
        this.cliName = cliName;
        this.engines = engines;
    }

    public String cliName() {
        return cliName;
    }

    /** Output topic of an engine's run, e.g. {@code p08.kstreams.sessions}. */
    public String topic(Engine engine) {
        return "p08." + engine.cliName() + "." + cliName;
    }

    /** Throws with the engines that have this query if {@code engine} has not. */
    public void requireOn(Engine engine) {
        if (!engines.contains(engine)) {
            throw new IllegalArgumentException("query " + cliName + " is not written for " + engine.cliName()
                    + "; it runs on " + engines.stream().map(Engine::cliName).collect(Collectors.joining(", ")));
        }
    }

    /** The query of this name, or null if it is not one of these. */
    public static StatefulQuery find(String name) {
        for (StatefulQuery q : values()) {
            if (q.cliName.equalsIgnoreCase(name)) {
                return q;
            }
        }
        return null;
    }
}
