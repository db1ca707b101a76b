package dev.dataeng.p05.cli;

import dev.dataeng.p05.curate.CuratedTables;
import dev.dataeng.p05.curate.CurationJob;
import dev.dataeng.p05.curate.CurationResult;
import dev.dataeng.p05.curate.JobTuning;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.joins.OrderEnrichment;
import dev.dataeng.p05.partitioning.DateRange;
import dev.dataeng.p05.partitioning.OrdersReader;
import dev.dataeng.p05.session.Sessions;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Curate a date range: daily GMV per city, restaurant rankings, delivery-time percentiles.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;

    @Mixin
    InputOptions input;

    @Option(names = "--out", defaultValue = "target/p05/curated", description = "Output root (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--from", defaultValue = "2025-01-01", description = "First order date (default: ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--to", defaultValue = "2025-01-30", description = "Last order date (default: ${DEFAULT-VALUE}).")
    LocalDate to;

    @Option(names = "--naive", description = "Run with the naive settings (for comparison).")
    boolean naive;

    @Option(names = "--explain", description = "Print the executed plan of the daily GMV query.")
    boolean explain;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (input.missing()) {
            return 1;
        }
        try (SparkSession session = Sessions.create("p05-run", spark.settings())) {
            session.sparkContext().setLogLevel("WARN");
            InputTables tables = input.tables();
            DateRange range = new DateRange(from, to);
            JobTuning tuning = naive ? JobTuning.naive() : JobTuning.tuned(session.sparkContext().defaultParallelism());
            if (command.commandLine().getParseResult().hasMatchedOption("--shuffle-partitions")) {
                // the job sets spark.sql.shuffle.partitions from its tuning: an explicit option must win over it
                tuning = tuning.withShufflePartitions(spark.shufflePartitions);
            }
            long start = System.nanoTime();
            CurationResult result = CurationJob.run(session, tables, out, range, tuning);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("curated %s..%s in %.1f s: %s=%d rows, %s=%d rows, %s=%d rows (under %s)%n", from, to,
                    seconds, CurationJob.DAILY_GMV, result.gmvRows(), CurationJob.RANKINGS, result.rankingRows(),
                    CurationJob.PERCENTILES, result.percentileRows(), out);
            if (explain) {
                Dataset<Row> orders = OrdersReader.between(session, tables.orders(), range);
                Dataset<Row> gmv = CuratedTables.dailyGmvByCity(OrderEnrichment.enrich(orders,
                        session.read().parquet(tables.restaurants()), tuning.join()));
                gmv.collectAsList();
                System.out.println(gmv.queryExecution().explainString(
                        org.apache.spark.sql.execution.ExplainMode.fromString("formatted")));
            }
        }
        return 0;
    }
}
