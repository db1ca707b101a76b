package dev.dataeng.p10.recon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.p10.platform.Topics;
import dev.dataeng.p10.serving.SpendView;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import redis.clients.jedis.RedisClient;

/**
 * The batch layer: a Spark job over the lake that computes the exact spend per campaign per hour (deduplicated by
 * event id over all data, no TTL; the first copy of an event decides whether it is billable), compares it with
 * what billing holds (Redis), and publishes the differences as corrections to {@code spend-corrections} in one
 * Kafka transaction: a run that dies publishes nothing, a second run over the same data publishes nothing new.
 */
public final class ReconJob {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param fromMs, toMs      the event-time range to reconcile (whole hours; the lake is read whole for dedup)
     * @param fixes             pricing rules fixed after the fact by this run (a backfill); kept on
     *                          {@code price-fixes}, so every later run prices with them too
     * @param transactionalId   the producer's transactional id: a restarted recon fences a zombie one
     */
    public record Options(String lakePath, String bootstrapServers, String redisUrl, long fromMs, long toMs,
            List<PriceFix> fixes, String transactionalId) {

        public static Options all(String lakePath, String bootstrapServers, String redisUrl) {
            return new Options(lakePath, bootstrapServers, redisUrl, Long.MIN_VALUE, Long.MAX_VALUE, List.of(),
                    "p10-recon");
        }

        public Options range(long from, long to) {
            return new Options(lakePath, bootstrapServers, redisUrl, from, to, fixes, transactionalId);
        }

        public Options withFixes(List<PriceFix> f) {
            return new Options(lakePath, bootstrapServers, redisUrl, fromMs, toMs, f, transactionalId);
        }
    }

    private ReconJob() {
    }

    public static SparkSession session(String master) {
        return SparkSession.builder().master(master).appName("p10-recon")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }

    public static ReconReport run(SparkSession spark, Options o, Collection<Campaign> catalogue) {
        Map<String, PriceFix> fixes = new TreeMap<>();
        for (PriceFix f : readFixes(o.bootstrapServers())) {
            fixes.put(f.campaignId() + "@" + f.day(), f);
        }
        for (PriceFix f : o.fixes()) {
            fixes.put(f.campaignId() + "@" + f.day(), f); // a new fix replaces an older one of the same campaign-day
        }
        registerInputs(spark, o, catalogue, fixes.values());
        Map<String, Long> exact = new HashMap<>();
        for (Row r : spark.sql(exactSpendSql(o.fromMs(), o.toMs())).collectAsList()) {
            // campaigns × hours: an aggregate small enough for the driver
            exact.put(r.getString(0) + "|" + r.getLong(1), r.getLong(2));
        }
        Row counts = spark.sql("SELECT COUNT(*), COUNT(*) - COUNT(DISTINCT event_id) FROM lake"
                + " WHERE type IN ('IMPRESSION', 'CLICK')").first();
        try (RedisClient redis = RedisClient.create(URI.create(o.redisUrl()))) {
            SpendView view = new SpendView(redis);
            Set<String> cells = new TreeSet<>(exact.keySet());
            for (String cell : view.realtimeHours()) {
                long hour = Long.parseLong(cell.substring(cell.indexOf('|') + 1));
                if (hour >= o.fromMs() && hour < o.toMs()) {
                    cells.add(cell);
                }
            }
            long version = redis.incr("p10:recon:version");
            List<Correction> corrections = corrections(cells, exact, view, version);
            publish(o, corrections, o.fixes());
            return new ReconReport(version, counts.getLong(0), counts.getLong(1), cells.size(), corrections);
        }
    }

    /** The newest event time in the lake (its event clock), or Long.MIN_VALUE for an empty lake. */
    public static long newestEventTime(SparkSession spark, String lakePath) {
        Row r = spark.read().format("avro").load(lakePath).selectExpr("MAX(event_time)").first();
        return r.isNullAt(0) ? Long.MIN_VALUE : r.getLong(0);
    }

    /** The pricing rules fixed by earlier backfills ({@link Topics#PRICE_FIXES}, read to its end). */
    public static List<PriceFix> readFixes(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, PriceFix> out = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(Topics.PRICE_FIXES, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        out.remove(key);
                    } else {
                        out.put(key, PriceFix.parse(key + "=" + new String(r.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void registerInputs(SparkSession spark, Options o, Collection<Campaign> catalogue,
            Collection<PriceFix> priceFixes) {
        spark.read().format("avro").load(o.lakePath()).createOrReplaceTempView("lake");
        List<Row> prices = new ArrayList<>();
        for (Campaign c : catalogue) {
            prices.add(RowFactory.create(c.campaignId(), c.pricing().name(), c.bidMicros()));
        }
        StructType priceSchema = new StructType().add("campaign_id", DataTypes.StringType)
                .add("pricing", DataTypes.StringType).add("bid_micros", DataTypes.LongType);
        spark.createDataFrame(prices, priceSchema).dropDuplicates("campaign_id").createOrReplaceTempView("prices");
        List<Row> fixes = new ArrayList<>();
        for (PriceFix f : priceFixes) {
            fixes.add(RowFactory.create(f.campaignId(), f.day(), f.bidMicros()));
        }
        StructType fixSchema = new StructType().add("campaign_id", DataTypes.StringType)
                .add("day", DataTypes.StringType).add("bid_micros", DataTypes.LongType);
        spark.createDataFrame(fixes, fixSchema).createOrReplaceTempView("price_fixes");
    }

    /** campaign_id, hour_start, exact_spend_micros for every campaign-hour of the range with billable events. */
    static String exactSpendSql(long fromMs, long toMs) {
        // BEGIN SOLUTION step 8: dedup over all data (first copy by partition and offset decides), then price and sum per hour
        return "WITH copies AS (\n"
                + "  SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY kafka_partition, kafka_offset) AS copy\n"
                + "  FROM lake WHERE type IN ('IMPRESSION', 'CLICK')\n"
                + "), firsts AS (\n"
                + "  SELECT * FROM copies WHERE copy = 1 AND billable\n"
                + "    AND event_time >= " + fromMs + " AND event_time < " + toMs + "\n"
                + ")\n"
                + "SELECT f.campaign_id, f.event_time - pmod(f.event_time, 3600000) AS hour_start,\n"
                + "  CAST(SUM(CASE\n"
                + "    WHEN p.pricing = 'CPC' AND f.type = 'CLICK' THEN COALESCE(x.bid_micros, p.bid_micros)\n"
                + "    WHEN p.pricing = 'CPM' AND f.type = 'IMPRESSION' THEN COALESCE(x.bid_micros, p.bid_micros) DIV 1000\n"
                + "    ELSE 0 END) AS BIGINT) AS exact_spend_micros\n"
                + "FROM firsts f JOIN prices p ON f.campaign_id = p.campaign_id\n"
                + "LEFT JOIN price_fixes x ON x.campaign_id = f.campaign_id\n"
                + "  AND x.day = date_format(timestamp_millis(f.event_time), 'yyyy-MM-dd')\n"
                + "GROUP BY f.campaign_id, f.event_time - pmod(f.event_time, 3600000)";
        // END SOLUTION
    }

    /**
     * A correction for every campaign-hour billing has not reconciled yet (a delta of 0 confirms the real-time
     * figure and marks the hour exact) or holds a different exact figure for (a backfill, new late data).
     */
    static List<Correction> corrections(Set<String> cells, Map<String, Long> exact, SpendView billing, long version) {
        List<Correction> out = new ArrayList<>();
        // BEGIN SOLUTION step 8: publish where billing holds no exact figure yet or a different one (a rerun publishes none)
        for (String cell : cells) {
            String campaign = cell.substring(0, cell.indexOf('|'));
            long hour = Long.parseLong(cell.substring(cell.indexOf('|') + 1));
            long truth = exact.getOrDefault(cell, 0L);
            Long reconciled = billing.reconciledHour(campaign, hour);
            if (reconciled == null || reconciled != truth) {
                out.add(new Correction(campaign, hour, truth, truth - billing.hourFigure(campaign, hour), version));
            }
        }
        // END SOLUTION
        return out;
    }

    /**
     * All corrections of a run in one transaction: read_committed consumers (billing) see all of them or none.
     * Called also with no correction: opening the transactional producer is what fences a previous run that died
     * with its transaction open (until then read_committed consumers cannot read past it).
     */
    static void publish(Options o, List<Correction> corrections, List<PriceFix> newFixes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, o.transactionalId());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            // BEGIN SOLUTION step 8: one stable transactional id: initTransactions fences (aborts) a run that died mid-publish
            producer.initTransactions();
            if (corrections.isEmpty() && newFixes.isEmpty()) {
                return;
            }
            producer.beginTransaction();
            try {
                for (Correction c : corrections) {
                    ObjectNode key = MAPPER.createObjectNode();
                    key.put("campaign_id", c.campaignId());
                    key.put("hour_start", c.hourStart());
                    ObjectNode value = key.deepCopy();
                    value.put("exact_spend_micros", c.exactSpendMicros());
                    value.put("delta_micros", c.deltaMicros());
                    value.put("recon_version", c.reconVersion());
                    producer.send(new ProducerRecord<>(Topics.SPEND_CORRECTIONS, key.toString().getBytes(StandardCharsets.UTF_8),
                            value.toString().getBytes(StandardCharsets.UTF_8)));
                }
                for (PriceFix f : newFixes) { // the rule is kept with the corrections it caused, atomically
                    producer.send(new ProducerRecord<>(Topics.PRICE_FIXES,
                            (f.campaignId() + "@" + f.day()).getBytes(StandardCharsets.UTF_8),
                            Long.toString(f.bidMicros()).getBytes(StandardCharsets.UTF_8)));
                }
                producer.commitTransaction();
            } catch (RuntimeException e) {
                producer.abortTransaction();
                throw e;
            }
            // END SOLUTION
        }
    }
}
