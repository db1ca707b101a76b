package dev.dataeng.p05.cli;

import dev.dataeng.p05.session.SparkSettings;
import picocli.CommandLine.Option;

/** Options every command shares: where Spark runs. */
public final class SparkOptions {
    @Option(names = "--master", defaultValue = "local[*]",
            description = "Spark master when not run by spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--shuffle-partitions", defaultValue = "8",
            description = "spark.sql.shuffle.partitions (default: ${DEFAULT-VALUE}; `run` uses 2 x cores,"
                    + " or 200 with --naive, unless this option is given).")
    int shufflePartitions;

    @Option(names = "--ui", description = "Start the Spark web UI on port 4040 (off by default).")
    boolean ui;

    SparkSettings settings() {
        return new SparkSettings(master, shufflePartitions, ui);
    }
}
