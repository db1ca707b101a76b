package dev.dataeng.p08.cli;

import dev.dataeng.p08.model.Query;
import dev.dataeng.p08.model.RateCard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run --engine flink --query sliding}: one query on one engine over the events topic, to its end. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a query (tumbling, sliding, join) on an engine (kstreams, flink, flink-sql, spark) over the "
                + "events topic, to the end of what it holds; print how long it took and where the results are.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--engine", required = true, description = "kstreams, flink, flink-sql or spark")
    String engine;

    @Option(names = "--query", required = true, description = "tumbling (1), sliding (2) or join (5)")
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
        Query q;
        try {
            e = Engine.parse(engine);
            q = parseQuery(query);
        } catch (IllegalArgumentException bad) {
            System.err.println("error: " + bad.getMessage());
            return 2;
        }
        try {
            String servers = source.connect();
            RateCard card = RateCard.fromTopic(servers, source.campaignsTopic, Duration.ofSeconds(30));
            long started = System.nanoTime();
            System.err.printf("running %s on %s over %s%n", q.cliName(), e.cliName(), source.inputTopic);
            Engines.run(e, q, new Engines.Target(servers, source.inputTopic, card, jdbcUrl, workDir, sparkMaster,
                    parallelism, Long.toString(System.currentTimeMillis())),
                    left -> System.err.printf("  %,d records still to process%n", left));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s on %s: done in %.1f s; results in %s%n", q.cliName(), e.cliName(), seconds,
                    Engines.resultsAt(e, q, jdbcUrl));
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
        throw new IllegalArgumentException("unknown query '" + name + "': tumbling, sliding or join");
    }
}
