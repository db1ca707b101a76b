package dev.dataeng.p10.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataeng.p10.platform.Days;
import dev.dataeng.p10.platform.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import dev.dataeng.p10.serving.SpendAnswer;
import dev.dataeng.p10.serving.SpendView;
import redis.clients.jedis.RedisClient;

/**
 * The ads billing engine. It consumes the campaign catalogue, the speed layer's {@code spend-realtime} and the
 * recon's {@code spend-corrections}, keeps every figure in Redis (the cache the ad server and the invoices read),
 * pauses a campaign for the day when its spend reaches its daily budget (a record on {@code campaign-control}), and
 * answers queries.
 *
 * <p>Redis keys ({@code p10:} prefix):
 * <pre>
 *   p10:campaign:{cmp}        hash  advertiser, budget, pricing, bid
 *   p10:advertiser:{adv}      set   campaign ids
 *   p10:rt:{cmp}:{day}        hash  minute start → real-time spend of that minute (an upsert: the last value wins)
 *   p10:rec:{cmp}:{day}       hash  hour start → "version:exact spend" from the recon (the highest version wins)
 *   p10:spend:{cmp}           hash  day → billed micros (spend capped at the budget): the cache readers use
 *   p10:paused                set   "cmp|day" of paused campaign-days
 *   p10:alerts                set   "cmp|day" of the speed layer's budget alerts (topic budget-alerts)
 *   p10:speed                 hash  received, kept, duplicates_dropped: the speed layer's dedup (topic dedup-stats)
 * </pre>
 * Applying a record is idempotent (a set, never an increment), and offsets are committed after Redis is written:
 * a record delivered twice, or re-read after a crash, changes nothing.
 */
public final class BillingEngine implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RedisClient redis;
    private final SpendView view;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> control;
    private final Thread thread;
    private final PrometheusMeterRegistry registry;
    private final Counter spendUpdates;
    private final Counter corrections;
    private final Counter pauses;
    private final Timer endToEnd;
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong dedupHits = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    public BillingEngine(String bootstrapServers, String redisUrl, String groupId, PrometheusMeterRegistry registry) {
        this.redis = RedisClient.create(URI.create(redisUrl));
        this.view = new SpendView(redis);
        this.registry = registry;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(c);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.control = new KafkaProducer<>(p);
        this.spendUpdates = Counter.builder("p10.billing.spend.updates")
                .description("spend-realtime records applied to Redis").register(registry);
        this.corrections = Counter.builder("p10.billing.corrections.applied")
                .description("spend-corrections applied (a newer recon version of a campaign-hour)").register(registry);
        this.pauses = Counter.builder("p10.billing.budget.pauses")
                .description("campaign-days paused at their budget").register(registry);
        this.endToEnd = Timer.builder("p10.billing.end.to.end.latency")
                .description("from the gateway's accept of the newest event of a minute to its billing update")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
        registry.find("p10.billing.consumer.lag.records").gauges().forEach(registry::remove); // a restarted engine
        Gauge.builder("p10.billing.consumer.lag.records", lag, AtomicLong::get)
                .description("records of the billing engine's topics not yet applied").register(registry);
        String dropped = redis.hget("p10:speed", "duplicates_dropped");
        dedupHits.set(dropped == null ? 0 : Long.parseLong(dropped));
        alerts.set(redis.scard("p10:alerts"));
        registry.find("p10.speed.dedup.hits").gauges().forEach(registry::remove);
        Gauge.builder("p10.speed.dedup.hits", dedupHits, AtomicLong::get)
                .description("duplicates the speed layer's dedup dropped (since its state began; topic dedup-stats)")
                .register(registry);
        registry.find("p10.speed.budget.alerts").gauges().forEach(registry::remove);
        Gauge.builder("p10.speed.budget.alerts", alerts, AtomicLong::get)
                .description("campaign-days the speed layer alerted at their budget (topic budget-alerts)")
                .register(registry);
        this.thread = new Thread(this::loop, "p10-billing");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records of the input topics not yet applied (-1 until the first poll). */
    public long lag() {
        return lag.get();
    }

    /** Records applied so far (every delivery counts, also a second delivery of the same record). */
    public long appliedRecords() {
        return applied.get();
    }

    /** Median and 99th percentile of the end-to-end latency so far, in milliseconds. */
    public double[] latencyP50P99Millis() {
        double[] out = {0, 0};
        for (var v : endToEnd.takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.5) {
                out[0] = v.value(TimeUnit.MILLISECONDS);
            } else if (v.percentile() == 0.99) {
                out[1] = v.value(TimeUnit.MILLISECONDS);
            }
        }
        return out;
    }

    /** Poll cycles completed (each ends with the lag measured): a test waits for two more, then reads the lag. */
    public long polls() {
        return polls.get();
    }

    public Throwable failure() {
        return failure;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(Topics.CAMPAIGNS, Topics.SPEND_REALTIME, Topics.SPEND_CORRECTIONS,
                    Topics.BUDGET_ALERTS, Topics.DEDUP_STATS));
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                Set<String> touched = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    switch (r.topic()) {
                        case Topics.CAMPAIGNS -> applyCampaign(r, touched);
                        case Topics.SPEND_REALTIME -> applySpend(r, touched);
                        case Topics.SPEND_CORRECTIONS -> applyCorrection(r, touched);
                        case Topics.BUDGET_ALERTS -> applyAlert(r);
                        case Topics.DEDUP_STATS -> applyDedupStats(r);
                        default -> { }
                    }
                    applied.incrementAndGet();
                }
                for (String key : touched) {
                    int bar = key.indexOf('|');
                    settle(key.substring(0, bar), key.substring(bar + 1));
                }
                if (!batch.isEmpty()) {
                    consumer.commitSync();
                }
                updateLag();
                polls.incrementAndGet();
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void updateLag() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(assigned).entrySet()) {
            total += Math.max(0, end.getValue() - consumer.position(end.getKey()));
        }
        lag.set(total);
    }

    private void applyCampaign(ConsumerRecord<byte[], byte[]> r, Set<String> touched) throws IOException {
        JsonNode c = MAPPER.readTree(r.value());
        String id = c.get("campaign_id").asText();
        redis.hset("p10:campaign:" + id, Map.of("advertiser", c.get("advertiser_id").asText(),
                "budget", c.get("daily_budget_micros").asText(), "pricing", c.get("pricing").asText(),
                "bid", c.get("bid_micros").asText(), "version", c.get("version").asText()));
        redis.sadd("p10:advertiser:" + c.get("advertiser_id").asText(), id);
        redis.sadd("p10:campaigns", id);
        for (String day : redis.hkeys("p10:spend:" + id)) {
            touched.add(id + "|" + day); // a new budget changes what is billed and whether it is paused
        }
    }

    private void applySpend(ConsumerRecord<byte[], byte[]> r, Set<String> touched) throws IOException {
        JsonNode key = MAPPER.readTree(r.key());
        String campaign = key.get("campaign_id").asText();
        long minute = key.get("minute_start").asLong();
        String day = Days.dayOf(minute).toString();
        // BEGIN SOLUTION step 7: an upsert is applied as a set (idempotent), a tombstone as a delete
        if (r.value() == null) {
            redis.hdel("p10:rt:" + campaign + ":" + day, Long.toString(minute));
        } else {
            JsonNode v = MAPPER.readTree(r.value());
            redis.hset("p10:rt:" + campaign + ":" + day, Long.toString(minute), v.get("spend_micros").asText());
            if (v.hasNonNull("last_accepted_at") && v.get("last_accepted_at").asLong() > 0) {
                endToEnd.record(Math.max(0, System.currentTimeMillis() - v.get("last_accepted_at").asLong()),
                        TimeUnit.MILLISECONDS);
            }
        }
        // END SOLUTION
        spendUpdates.increment();
        touched.add(campaign + "|" + day);
    }

    private void applyCorrection(ConsumerRecord<byte[], byte[]> r, Set<String> touched) throws IOException {
        if (r.value() == null) {
            return;
        }
        JsonNode v = MAPPER.readTree(r.value());
        String campaign = v.get("campaign_id").asText();
        long hour = v.get("hour_start").asLong();
        String day = Days.dayOf(hour).toString();
        String field = Long.toString(hour);
        long version = v.get("recon_version").asLong();
        // BEGIN SOLUTION step 7: a correction carries the exact figure of its hour; only a newer recon version replaces it
        String stored = redis.hget("p10:rec:" + campaign + ":" + day, field);
        if (stored != null && Long.parseLong(stored.substring(0, stored.indexOf(':'))) >= version) {
            return;
        }
        redis.hset("p10:rec:" + campaign + ":" + day, field, version + ":" + v.get("exact_spend_micros").asLong());
        // END SOLUTION
        corrections.increment();
        touched.add(campaign + "|" + day);
    }

    /** The speed layer's alert table: a value adds the campaign-day, a tombstone (the alert retracted) removes it. */
    private void applyAlert(ConsumerRecord<byte[], byte[]> r) throws IOException {
        JsonNode key = MAPPER.readTree(r.key());
        String member = key.get("campaign_id").asText() + "|" + key.get("day").asText();
        if (r.value() == null) {
            redis.srem("p10:alerts", member);
        } else {
            redis.sadd("p10:alerts", member);
        }
        alerts.set(redis.scard("p10:alerts"));
    }

    private void applyDedupStats(ConsumerRecord<byte[], byte[]> r) throws IOException {
        if (r.value() == null) {
            return;
        }
        JsonNode v = MAPPER.readTree(r.value());
        redis.hset("p10:speed", Map.of("received", v.get("received").asText(), "kept", v.get("kept").asText(),
                "duplicates_dropped", v.get("duplicates_dropped").asText()));
        dedupHits.set(v.get("duplicates_dropped").asLong());
    }

    /** Campaign-days the speed layer alerted at their budget (its topic budget-alerts, as applied). */
    public Set<String> budgetAlerts() {
        return redis.smembers("p10:alerts");
    }

    /** Recomputes a campaign-day from Redis, writes the billed figure, and pauses the campaign at its budget. */
    private void settle(String campaign, String day) {
        SpendAnswer a = compute(campaign, day);
        redis.hset("p10:spend:" + campaign, day, Long.toString(a.billedMicros()));
        // BEGIN SOLUTION step 7: pause once per campaign-day when the spend reaches the budget (control record first)
        if (a.budgetMicros() > 0 && a.spendMicros() >= a.budgetMicros()
                && !redis.sismember("p10:paused", campaign + "|" + day)) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("campaign_id", campaign);
            n.put("day", day);
            n.put("action", "PAUSE");
            n.put("spend_micros", a.spendMicros());
            n.put("budget_micros", a.budgetMicros());
            n.put("at", System.currentTimeMillis());
            try {
                control.send(new ProducerRecord<>(Topics.CAMPAIGN_CONTROL, campaign.getBytes(StandardCharsets.UTF_8),
                        n.toString().getBytes(StandardCharsets.UTF_8))).get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish the pause of " + campaign + ": " + e.getMessage(), e);
            }
            redis.sadd("p10:paused", campaign + "|" + day);
            pauses.increment();
        }
        // END SOLUTION
    }

    /** The serving layer's answer for a campaign-day (reconciled hours exactly, real-time since). */
    public SpendAnswer compute(String campaign, String day) {
        return view.answer(campaign, day);
    }

    /** The cached answer (what the ad server reads): billed micros per day of one campaign. */
    public Map<String, Long> billedByDay(String campaign) {
        Map<String, Long> out = new TreeMap<>();
        redis.hgetAll("p10:spend:" + campaign).forEach((d, v) -> out.put(d, Long.parseLong(v)));
        return out;
    }

    public SpendAnswer spend(String campaign, String day) {
        return compute(campaign, day);
    }

    public Invoice invoice(long advertiserId, String day) {
        Map<String, Long> lines = new TreeMap<>();
        long total = 0;
        for (String campaign : redis.smembers("p10:advertiser:" + advertiserId)) {
            String billed = redis.hget("p10:spend:" + campaign, day);
            if (billed != null) {
                lines.put(campaign, Long.parseLong(billed));
                total += Long.parseLong(billed);
            }
        }
        return new Invoice(advertiserId, day, lines, total);
    }

    /** Every campaign the engine knows. */
    public Set<String> campaigns() {
        return new java.util.TreeSet<>(redis.smembers("p10:campaigns"));
    }

    public Set<String> pausedCampaignDays() {
        return redis.smembers("p10:paused");
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        control.close(Duration.ofSeconds(2));
        redis.close();
    }
}
