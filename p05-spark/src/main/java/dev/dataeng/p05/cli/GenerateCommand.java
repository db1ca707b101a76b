package dev.dataeng.p05.cli;

import dev.dataeng.p05.generate.InputGenerator;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.session.Sessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate orders (Parquet, partitioned by order_date), restaurants and cities.")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;
    @Mixin
    DataOptions data;

    @Option(names = "--out", defaultValue = "target/p05/input", description = "Output directory (default: ${DEFAULT-VALUE}).")
    String out;

    @Override
    public Integer call() throws Exception {
        try (SparkSession session = Sessions.create("p05-generate", spark.settings())) {
            long start = System.nanoTime();
            long orders = InputGenerator.generate(session, data.spec(), new InputTables(out));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("wrote %,d orders to %s in %.1f s (%,.0f rows/s)%n", orders, out, seconds,
                    orders / seconds);
        }
        return 0;
    }
}
