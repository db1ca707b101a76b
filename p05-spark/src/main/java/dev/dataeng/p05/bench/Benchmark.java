package dev.dataeng.p05.bench;

import dev.dataeng.p05.curate.CurationJob;
import dev.dataeng.p05.curate.JobTuning;
import dev.dataeng.p05.generate.GenerationSpec;
import dev.dataeng.p05.generate.InputGenerator;
import dev.dataeng.p05.generate.InputTables;
import dev.dataeng.p05.partitioning.DateRange;
import dev.dataeng.p05.skew.SkewJoinSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Naive vs tuned curation job on the same generated skewed input, in one run. Each variant gets its own session
 * (SQL settings are per session) on the same SparkContext; a one-day warm-up of both runs first so neither pays the
 * JIT and class loading alone. Prints the ratio last.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public record Outcome(long orders, double naiveSeconds, double tunedSeconds) {
        public double ratio() {
            return naiveSeconds / tunedSeconds;
        }
    }

    public static Outcome run(SparkSession spark, GenerationSpec spec, Path workDir, PrintStream out) {
        InputTables input = new InputTables(workDir.resolve("input").toString());
        long t0 = System.nanoTime();
        long orders = InputGenerator.generate(spark, spec, input);
        double genSeconds = seconds(t0);
        out.printf("generated %,d orders (skew %.0f%% on restaurant 1) in %.1f s (%,.0f rows/s)%n", orders,
                spec.skew() * 100, genSeconds, orders / genSeconds);
        DateRange all = new DateRange(spec.start(), spec.start().plusDays(spec.days() - 1));
        DateRange firstDay = new DateRange(spec.start(), spec.start());
        int cores = spark.sparkContext().defaultParallelism();

        SparkSession naive = naiveSession(spark);
        SparkSession tuned = tunedSession(spark);
        CurationJob.run(naive, input, workDir.resolve("warmup-naive").toString(), firstDay, JobTuning.naive());
        CurationJob.run(tuned, input, workDir.resolve("warmup-tuned").toString(), firstDay, JobTuning.tuned(cores));

        long t1 = System.nanoTime();
        CurationJob.run(naive, input, workDir.resolve("naive").toString(), all, JobTuning.naive());
        double naiveSeconds = seconds(t1);
        out.printf("naive: %.2f s  (sort-merge join on the skewed key, AQE off, 200 shuffle partitions, no cache)%n",
                naiveSeconds);
        long t2 = System.nanoTime();
        CurationJob.run(tuned, input, workDir.resolve("tuned").toString(), all, JobTuning.tuned(cores));
        double tunedSeconds = seconds(t2);
        out.printf("tuned: %.2f s  (broadcast join, AQE + skew join, %d shuffle partitions, cached join, one file"
                + " per date)%n", tunedSeconds, JobTuning.tuned(cores).shufflePartitions());
        out.printf("tuned throughput: %,.0f orders/s on %d cores%n", orders / tunedSeconds, cores);
        Outcome outcome = new Outcome(orders, naiveSeconds, tunedSeconds);
        out.printf("ratio naive/tuned = %.2f%n", outcome.ratio());
        return outcome;
    }

    static SparkSession naiveSession(SparkSession spark) {
        SparkSession s = spark.newSession();
        s.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        return s;
    }

    static SparkSession tunedSession(SparkSession spark) {
        SparkSession s = spark.newSession();
        SkewJoinSettings.enable(s.conf(), 8L << 20);
        return s;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
