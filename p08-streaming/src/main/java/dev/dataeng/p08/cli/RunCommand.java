package dev.dataeng.p08.cli;

import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run --engine flink --query sliding}: one query on one engine over the events topic, to its end. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a query (tumbling, sliding, sessions, enrich, join, silence) on an engine (kstreams, flink, flink-sql, spark) over the "
                + "events topic, to the end of what it holds; print how long it took and where the results are.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--engine", required = true, description = "kstreams, flink, flink-sql or spark")
    String engine;

    @Option(names = "--query", required = true, description = "tumbling (1), sliding (2), sessions (3), enrich (4), join (5) or silence (6); "
            + "3, 4 and 6 not on every engine (README, Run it)")
    String query;

    @Mixin
    SourceOptions source;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:h2:file:./target/p08-results",
            description = "where Spark upserts its results (default: ${DEFAULT-VALUE}); PostgreSQL needs the "
                    + "ON CONFLICT form of the upsert, see the README")
    String jdbcUrl;

    @Option(names = "--spark-master", defaultValue = "local[2]", description = "default: ${DEFAULT-VALUE}")
    String sparkMaster;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--work-dir", defaultValue = "target/p08-work",
            description = "Kafka Streams state and Spark checkpoints (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Engine e;
        Query q = null;
        StatefulQuery stateful;
        try {
            e = Engine.parse(engine);
            stateful = StatefulQuery.find(query);
            if (stateful == null) {
                q = parseQuery(query);
            } else {
                stateful.requireOn(e);
            }
        } catch (IllegalArgumentException bad) {
            System.err.println("error: " + bad.getMessage());
            return 2;
        }
        String name = stateful == null ? q.cliName() : stateful.cliName();
        try {
            String servers = source.connect();
            RateCard card = RateCard.fromTopic(servers, source.campaignsTopic, Duration.ofSeconds(30));
            long started = System.nanoTime();
            System.err.printf("running %s on %s over %s%n", name, e.cliName(), source.inputTopic);
            Engines.Target target = new Engines.Target(servers, source.inputTopic, card, jdbcUrl, workDir,
                    sparkMaster, parallelism, Long.toString(System.currentTimeMillis()));
            LongConsumer progress = left -> System.err.printf("  %,d records still to process%n", left);
            if (stateful == null) {
                Engines.run(e, q, target, progress);
            } else {
                Engines.run(e, stateful, target, source.campaignsTopic, progress);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s on %s: done in %.1f s; results in %s%n", name, e.cliName(), seconds,
                    stateful == null ? Engines.resultsAt(e, q, jdbcUrl) : Engines.resultsAt(e, stateful, jdbcUrl));
            return 0;
        } finally {
            source.close();
        }
    }

    static Query parseQuery(String name) {
        for (Query q : Query.values()) {
            if (q.cliName().equalsIgnoreCase(name)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown query '" + name + "': tumbling, sliding, sessions, enrich, join or silence");
    }
}
