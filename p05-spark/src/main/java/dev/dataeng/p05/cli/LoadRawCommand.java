package dev.dataeng.p05.cli;

import dev.dataeng.p05.quality.LoadMode;
import dev.dataeng.p05.quality.RawLoadResult;
import dev.dataeng.p05.quality.RawOrdersLoader;
import dev.dataeng.p05.session.Sessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "load-raw", mixinStandardHelpOptions = true,
        description = "Load a raw orders export (JSON Lines) to Parquet with an explicit mode for bad records.")
public final class LoadRawCommand implements Callable<Integer> {
    @Mixin
    SparkOptions spark;

    @Option(names = "--input", required = true, description = "orders.jsonl file or directory.")
    String input;

    @Option(names = "--out", defaultValue = "target/p05/raw", description = "Output root (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--mode", defaultValue = "QUARANTINE", description = "FAIL, DROP or QUARANTINE (default: ${DEFAULT-VALUE}).")
    LoadMode mode;

    @Override
    public Integer call() throws Exception {
        try (SparkSession session = Sessions.create("p05-load-raw", spark.settings())) {
            RawLoadResult r = RawOrdersLoader.load(session, input, out + "/orders",
                    out + "/quarantine", mode);
            System.out.printf("mode %s: in=%d loaded=%d rejected=%d%s%n", r.mode(), r.in(), r.loaded(), r.rejected(),
                    r.mode() == LoadMode.QUARANTINE ? " (kept in " + out + "/quarantine" + ")" : "");
            return r.reconciles() ? 0 : 3;
        }
    }
}
