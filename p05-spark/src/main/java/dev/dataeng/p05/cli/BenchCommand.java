package dev.dataeng.p05.cli;

import dev.dataeng.p05.bench.Benchmark;
import dev.dataeng.p05.session.Sessions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Naive vs tuned curation job on the same skewed input; prints `ratio naive/tuned` last.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;
    @Mixin
    DataOptions data;

    @Option(names = "--work", defaultValue = "target/p05/bench", description = "Work directory (default: ${DEFAULT-VALUE}).")
    Path work;

    @Override
    public Integer call() throws Exception {
        try (SparkSession session = Sessions.create("p05-bench", spark.settings())) {
            Benchmark.run(session, data.spec(), work, System.out);
        }
        return 0;
    }
}
