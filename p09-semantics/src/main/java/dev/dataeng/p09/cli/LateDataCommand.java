package dev.dataeng.p09.cli;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.grading.Todo;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.EmbeddedKafka;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p09.crash.GroupProgress;
import dev.dataeng.p09.crash.Topics;
import dev.dataeng.p09.flink.AdEventSource;
import dev.dataeng.p09.streams.SpendStreamsApp;
import dev.dataeng.p09.time.FlinkLateData;
import dev.dataeng.p09.time.LatenessRules;
import dev.dataeng.p09.time.Prices;
import dev.dataeng.p09.time.SparkLateData;
import dev.dataeng.p09.time.WindowCount;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Walkthrough steps 4–7 from the command line: one dirty input (the kind E6, E9 and E17 use) on a one-partition
 * topic, each chosen engine's late-data job run over it ({@link FlinkLateData}, {@link SpendStreamsApp} with
 * {@code StreamsLateData}'s topology, {@link SparkLateData}), and one table of what each engine wrote.
 */
@Command(name = "late-data", mixinStandardHelpOptions = true,
        description = "Publishes a dirty ad-event stream (10% out of order, 3% late by 2-10 min), runs the late-data "
                + "job of each chosen engine over it and prints one table: on time, late but accepted, too late and "
                + "where the too-late events went, counted from what each engine wrote, and whether "
                + "on time + late + too late = input. Exit 1 when an engine fails or a check does not hold.")
public final class LateDataCommand implements Callable<Integer> {
    /** Flink's rules in E6/E7: 1-minute windows, watermark bound 5 s, allowed lateness 3 min. */
    static final LatenessRules FLINK_RULES = new LatenessRules(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ofMinutes(3), null);
    /** Spark's in E17: the same windows and bound; Spark has no allowed lateness. */
    static final LatenessRules SPARK_RULES = new LatenessRules(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ZERO, null);

    private static final String STREAMS_LOGGER = "org.apache.kafka.streams";

    @Spec
    CommandSpec spec;
    @Option(names = "--engine", defaultValue = "all",
            description = "flink | kstreams | spark | all (default: ${DEFAULT-VALUE})")
    String engine;
    @Option(names = "--impressions", defaultValue = "6000",
            description = "impressions generated; events are about 8% more (default: ${DEFAULT-VALUE}, the input "
                    + "of E6, E9 and E17)")
    long impressions;
    @Option(names = "--seed", defaultValue = "21", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--bootstrap-servers", description = "Kafka to use; without it an in-JVM cluster is started")
    String bootstrap;
    @Option(names = "--spark-batch", defaultValue = "1000",
            description = "Spark: events per micro-batch (maxOffsetsPerTrigger); which rows drop depends on it "
                    + "(default: ${DEFAULT-VALUE})")
    long sparkBatch;
    @Option(names = "--spark-master", defaultValue = "local[2]", description = "(default: ${DEFAULT-VALUE})")
    String sparkMaster;
    @Option(names = "--work-dir", defaultValue = "target/p09-late-data",
            description = "Kafka Streams state, Spark checkpoints (default: ${DEFAULT-VALUE})")
    Path workDir;

    /** One engine's line of the table; {@code failure} set when the engine did not finish. */
    record Row(String engine, String rule, long input, long onTime, Long lateAccepted, long tooLate, String where,
            String check, boolean holds, String failure) {
        static Row failed(String engine, String rule, long input, String failure) {
            return new Row(engine, rule, input, 0, null, 0, "", "", false, failure);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> engines = switch (engine.toLowerCase(Locale.ROOT)) {
            case "all" -> List.of("flink", "kstreams", "spark");
            case "flink", "kstreams", "spark" -> List.of(engine.toLowerCase(Locale.ROOT));
            default -> throw new ParameterException(spec.commandLine(),
                    "--engine must be flink, kstreams, spark or all, not " + engine);
        };
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedKafka local = bootstrap == null ? EmbeddedKafka.singleBroker().start() : null;
        try {
            String servers = bootstrap == null ? local.bootstrapServers() : bootstrap;
            String run = "late-" + System.currentTimeMillis();
            String input = run + "-ad-events";
            // One partition, as in E17: the topic's order is the arrival order, which every engine's rule reads.
            Topics.create(servers, input, 1);
            AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(seed, impressions)
                    .withDirt(0.10, 0.03, 0, 0));
            long published = AdPublisher.publish(servers, input, generator.records().iterator()).records();
            Prices prices = Prices.of(generator.campaignsById());
            out.printf(Locale.ROOT, "%,d events (seed %d, 10%% out of order by <= 5 s, 3%% late by 2-10 min) on %s%n",
                    published, seed, input);
            out.flush();
            List<Row> rows = new ArrayList<>();
            for (String e : engines) {
                long start = System.nanoTime();
                Row row = switch (e) {
                    case "flink" -> attempt("Flink", rule(FLINK_RULES, "watermark after every event"), published,
                            rule -> flink(servers, input, run, published, prices, rule));
                    case "kstreams" -> attempt("Kafka Streams", "stream time, grace "
                            + minutes(SpendStreamsApp.RULES.allowedLateness()), published,
                            rule -> kafkaStreams(servers, input, run, published, prices, rule));
                    default -> attempt("Spark", rule(SPARK_RULES, String.format(Locale.ROOT,
                            "watermark per micro-batch of %,d", sparkBatch)), published,
                            rule -> spark(servers, input, run, published, prices, rule));
                };
                rows.add(row);
                out.printf(Locale.ROOT, "%s: %s (%,d ms)%n", row.engine(),
                        row.failure() == null ? "done" : "FAILED: " + row.failure(),
                        (System.nanoTime() - start) / 1_000_000);
                out.flush();
            }
            out.println();
            out.print(table(rows));
            out.flush();
            return rows.stream().allMatch(r -> r.failure() == null && r.holds()) ? 0 : 1;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /** Flink: the bounded topic through {@link FlinkLateData}; windows and the TOO_LATE side output to topics. */
    private Row flink(String servers, String input, String run, long published, Prices prices, String rule)
            throws Exception {
        String windows = run + "-flink-windows";
        String tooLate = run + "-flink-too-late";
        Topics.create(servers, windows, 1);
        Topics.create(servers, tooLate, 1);
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1); // one watermark over the one partition, as in E6
        var events = env.fromSource(AdEventSource.of(servers, input, run + "-flink", true),
                FlinkLateData.watermarks(FLINK_RULES), "ad-events");
        FlinkLateData.Streams streams = FlinkLateData.countPerWindow(events, FLINK_RULES, prices);
        streams.windows().sinkTo(toTopic(servers, windows, WindowCount::key, WindowCount::toJson));
        streams.tooLate().sinkTo(toTopic(servers, tooLate, AdEvent::campaignId, AdJson::write));
        env.execute(run + "-flink"); // bounded: ends when the input has been read and every window has fired
        // A window's first result (firing 0) holds the events that were on time; each later firing adds a late one.
        Map<String, WindowCount> last = lastPerWindow(servers, windows);
        long accepted = last.values().stream().mapToLong(WindowCount::events).sum();
        long late = last.values().stream().mapToLong(WindowCount::lateEvents).sum();
        return counted("Flink", rule, published, accepted - late, late, count(servers, tooLate),
                "`TOO_LATE` side output -> topic " + tooLate);
    }

    /** A function the sink can carry to the cluster. */
    interface Field<T, R> extends Function<T, R>, Serializable {
    }

    private static <T> KafkaSink<T> toTopic(String servers, String topic, Field<T, String> key,
            Field<T, byte[]> value) {
        KafkaRecordSerializationSchema<T> serializer = (t, context, timestamp) -> new ProducerRecord<>(topic,
                key.apply(t).getBytes(StandardCharsets.UTF_8), value.apply(t));
        return KafkaSink.<T>builder().setBootstrapServers(servers).setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE) // flushed when the bounded job ends
                .build();
    }

    /** Kafka Streams: the chapter's application (its topology and grace) until its group has committed the input. */
    private Row kafkaStreams(String servers, String input, String run, long published, Prices prices,
            String rule) {
        String app = run + "-kstreams";
        String windows = app + "-windows";
        String tooLate = app + "-too-late";
        Topics.create(servers, windows, 1);
        Topics.create(servers, tooLate, 1);
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve(app).toAbsolutePath().toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // every window update reaches the topic
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        double droppedMetric;
        // A failed record stops the application, and three of its loggers print the stack trace; the row says why.
        Level level = LogManager.getLogger(STREAMS_LOGGER).getLevel();
        Configurator.setLevel(STREAMS_LOGGER, Level.OFF);
        try (KafkaStreams streams = SpendStreamsApp.create(props, input, windows, tooLate, prices, 0);
                GroupProgress progress = new GroupProgress(servers, app, input)) {
            streams.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            // Output is flushed before offsets are committed: once the input is committed, the topics hold it all.
            KafkaWait.until(Duration.ofMinutes(3), app + " to commit all " + published + " input records",
                    () -> failure.get() != null || progress.committed() >= published);
            if (failure.get() != null) {
                throw new IllegalStateException("the application stopped: " + failure.get(), failure.get());
            }
            droppedMetric = streams.metrics().entrySet().stream()
                    .filter(m -> m.getKey().name().equals("dropped-records-total"))
                    .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
            streams.close(SpendStreamsApp.LEAVE_GROUP);
            streams.cleanUp();
        } finally {
            Configurator.setLevel(STREAMS_LOGGER, level);
        }
        Map<String, WindowCount> last = lastPerWindow(servers, windows);
        long accepted = last.values().stream().mapToLong(WindowCount::events).sum();
        long late = last.values().stream().mapToLong(WindowCount::lateEvents).sum();
        return counted("Kafka Streams", rule, published, accepted - late, late, count(servers, tooLate),
                String.format(Locale.ROOT, "topic %s (ClassifyLateness, ahead of the window); "
                        + "dropped-records-total %.0f", tooLate, droppedMetric));
    }

    /** Spark: the query over the topic in micro-batches of {@code --spark-batch}; the drop from windows and progress. */
    private Row spark(String servers, String input, String run, long published, Prices prices, String rule)
            throws Exception {
        String windows = run + "-spark-windows";
        Topics.create(servers, windows, 1);
        SparkSession session = SparkLateData.session(sparkMaster);
        try {
            // tally() reads recentProgress: keep a report of every batch, not the default last 100
            session.conf().set("spark.sql.streaming.numRecentProgressUpdates",
                    Math.max(100, published / Math.max(1, sparkBatch) + 10));
            StreamingQuery query = SparkLateData.start(session, new SparkLateData.Settings(servers, input, windows,
                    workDir.resolve(run + "-spark-checkpoint").toAbsolutePath().toString(), sparkBatch),
                    SPARK_RULES, prices, Trigger.AvailableNow());
            query.awaitTermination();
            if (query.exception().isDefined()) {
                throw query.exception().get();
            }
            long accepted = lastPerWindow(servers, windows).values().stream().mapToLong(WindowCount::events).sum();
            SparkLateData.Tally tally = SparkLateData.tally(query);
            // Spark writes nothing about a dropped row: too late = input - accepted. What can be checked is that
            // the query read the whole input (its progress) and that its metric saw a drop when there was one.
            long dropped = published - accepted;
            boolean holds = tally.inputRows() == published && accepted <= published
                    && (dropped == 0) == (tally.droppedByWatermark() == 0);
            String check = String.format(Locale.ROOT, "%s: progress read %,d of %,d, drop metric %s; too late = "
                    + "input - accepted", holds ? "yes" : "NO", tally.inputRows(), published,
                    (dropped == 0) == (tally.droppedByWatermark() == 0) ? "agrees" : "DISAGREES");
            return new Row("Spark", rule, published, accepted, null, dropped, String.format(Locale.ROOT,
                    "dropped, no trace in the output; numRowsDroppedByWatermark %,d", tally.droppedByWatermark()),
                    check, holds, null);
        } finally {
            session.stop();
        }
    }

    private static Row counted(String engine, String rule, long input, long onTime, long late, long tooLate,
            String where) {
        long sum = onTime + late + tooLate;
        boolean holds = sum == input;
        String check = String.format(Locale.ROOT, "%s: %,d + %,d + %,d = %,d%s", holds ? "yes" : "NO", onTime, late,
                tooLate, sum, holds ? "" : String.format(Locale.ROOT, " != input %,d", input));
        return new Row(engine, rule, input, onTime, late, tooLate, where, check, holds, null);
    }

    /** Each window's last result on {@code topic} (the one with the most events: late firings only add). */
    private static Map<String, WindowCount> lastPerWindow(String servers, String topic) {
        Map<String, WindowCount> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(servers, topic, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(30))) {
            WindowCount w = WindowCount.fromJson(r.value());
            last.merge(w.key(), w, (a, b) -> b.events() >= a.events() ? b : a);
        }
        return last;
    }

    private static long count(String servers, String topic) {
        return KafkaTopics.readAll(servers, topic, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30)).size();
    }

    interface EngineRun {
        Row call(String rule) throws Throwable;
    }

    /** Runs one engine; a failure becomes its row, a stub of the student edition a "not implemented yet". */
    private static Row attempt(String engine, String rule, long input, EngineRun run) {
        try {
            return run.call(rule);
        } catch (Throwable e) {
            return Row.failed(engine, rule, input, why(e));
        }
    }

    private static final Pattern STEP = Pattern.compile("step (\\d+)");

    static String why(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            // a Todo, or its text where an engine handed the exception on as a copy (Flink's SerializedThrowable)
            if (t instanceof Todo || String.valueOf(t.getMessage()).startsWith("TODO p09")) {
                Matcher m = STEP.matcher(String.valueOf(t.getMessage()));
                return "not implemented yet: " + (m.find() ? "step " + m.group(1) : "a step")
                        + " of the walkthrough (" + t.getMessage() + ")";
            }
            root = t;
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }

    private static String rule(LatenessRules r, String watermark) {
        return watermark + ", bound " + r.outOfOrderness().toSeconds() + " s, " + (r.allowedLateness().isZero()
                ? "no lateness" : "`allowedLateness(" + minutes(r.allowedLateness()) + ")`");
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }

    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder("| engine | rule | input | on time | late but accepted | too late "
                + "| where the too-late events go | on time + late + too late = input |\n"
                + "|---|---|---:|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            if (r.failure() != null) {
                t.append(String.format(Locale.ROOT, "| %s | %s | %,d | | | | FAILED: %s | no |%n", r.engine(),
                        r.rule(), r.input(), r.failure()));
            } else {
                t.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %s | %,d | %s | %s |%n", r.engine(),
                        r.rule(), r.input(), r.onTime(), r.lateAccepted() == null ? "—"
                                : String.format(Locale.ROOT, "%,d", r.lateAccepted()),
                        r.tooLate(), r.where(), r.check()));
            }
        }
        return t.toString();
    }
}
