package dev.dataeng.p05.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Loads a raw orders export (JSON Lines, as {@code RawExport} writes it) into Parquet under an explicit schema and
 * an explicit mode for records that do not fit it (text in a number column, an impossible timestamp, a broken line).
 */
public final class RawOrdersLoader {
    public static final String CORRUPT = "_corrupt_record";

    /** The raw orders export's columns, typed. */
    public static final StructType RAW_ORDERS = new StructType()
            .add("order_id", LongType)
            .add("customer_id", LongType)
            .add("restaurant_id", LongType)
            .add("ordered_at", TimestampType)
            .add("status", StringType)
            .add("payment_method", StringType)
            .add("items_total", createDecimalType(10, 2))
            .add("delivery_fee", createDecimalType(10, 2))
            .add("discount", createDecimalType(10, 2))
            .add("total", createDecimalType(10, 2))
            .add("instructions", StringType)
            .add("updated_at", TimestampType);

    private RawOrdersLoader() {
    }

    /**
     * Loads {@code input} to {@code output} (Parquet); in QUARANTINE mode the bad lines go, as text, to
     * {@code quarantine}. Throws {@link BadInputException} (one line) in FAIL mode at the first bad record.
     */
    public static RawLoadResult load(SparkSession spark, String input, String output, String quarantine,
            LoadMode mode) {
        try {
            long in = spark.read().text(input).where(col("value").notEqual("")).count();
            // BEGIN SOLUTION step 11
            switch (mode) {
                case FAIL, DROP -> {
                    Dataset<Row> rows = spark.read().schema(RAW_ORDERS)
                            .option("mode", mode == LoadMode.FAIL ? "FAILFAST" : "DROPMALFORMED").json(input);
                    rows.write().mode(SaveMode.Overwrite).parquet(output);
                    long loaded = spark.read().parquet(output).count();
                    return new RawLoadResult(mode, in, loaded, in - loaded);
                }
                case QUARANTINE -> {
                    Dataset<Row> parsed = spark.read().schema(RAW_ORDERS.add(CORRUPT, StringType))
                            .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT).json(input)
                            // Spark refuses a query that reads only the corrupt column of a raw file: cache first
                            .cache();
                    try {
                        Dataset<Row> bad = parsed.where(col(CORRUPT).isNotNull()).select(col(CORRUPT));
                        Dataset<Row> good = parsed.where(col(CORRUPT).isNull()).drop(CORRUPT);
                        good.write().mode(SaveMode.Overwrite).parquet(output);
                        bad.write().mode(SaveMode.Overwrite).text(quarantine);
                        return new RawLoadResult(mode, in, spark.read().parquet(output).count(),
                                spark.read().text(quarantine).count());
                    } finally {
                        parsed.unpersist();
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            // END SOLUTION
        } catch (Exception e) { // Spark's exceptions are Scala ones: checked SparkException is not declared
            throw new BadInputException(input + ": " + describe(e) + " (mode " + mode + ")", e);
        }
    }

    /** Spark's malformed-record message if there is one, and the root cause: what was wrong, and where. */
    private static String describe(Throwable e) {
        String malformed = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (malformed == null && String.valueOf(t.getMessage()).contains("MALFORMED_RECORD")) {
                malformed = firstLine(t);
            }
        }
        String root = firstLine(rootCause(e));
        return malformed == null || malformed.equals(root) ? root : malformed + " Cause: " + root;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
