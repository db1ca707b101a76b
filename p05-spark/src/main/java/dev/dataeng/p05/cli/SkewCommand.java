package dev.dataeng.p05.cli;

import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.plan.PlanInspector;
import dev.dataeng.p05.session.Sessions;
import dev.dataeng.p05.skew.SkewDemo;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "skew", mixinStandardHelpOptions = true,
        description = "Show the join stage's task imbalance: plain sort-merge join vs salted vs AQE skew join.")
public final class SkewCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;

    @Mixin
    InputOptions input;

    @Option(names = "--salt-buckets", defaultValue = "8", description = "Salt values (default: ${DEFAULT-VALUE}).")
    int buckets;

    @Override
    public Integer call() throws Exception {
        if (input.missing()) {
            return 1;
        }
        try (SparkSession session = Sessions.create("p05-skew", spark.settings())) {
            InputTables tables = input.tables();
            SkewDemo.Comparison c = SkewDemo.compare(session, session.read().parquet(tables.orders()),
                    session.read().parquet(tables.restaurants()), buckets, 1L << 20);
            System.out.println("sort-merge join : " + c.unsalted().balance().describe());
            System.out.println("salted (" + buckets + ")     : " + c.salted().balance().describe());
            System.out.println("AQE skew join   : " + c.adaptive().balance().describe());
            System.out.println("AQE joins       : " + PlanInspector.joinStrategies(c.adaptive().executed())
                    + (PlanInspector.describe(c.adaptive().executed()).contains("SortMergeJoin(skew=true)")
                    ? " with SortMergeJoin(skew=true)" : " (no skew split)"));
        }
        return 0;
    }
}
