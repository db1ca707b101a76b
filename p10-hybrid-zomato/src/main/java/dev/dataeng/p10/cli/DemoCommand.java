package dev.dataeng.p10.cli;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.p10.billing.BillingEngine;
import dev.dataeng.p10.demo.LoadDriver;
import dev.dataeng.p10.demo.SpendChart;
import dev.dataeng.p10.platform.Days;
import dev.dataeng.p10.platform.Platform;
import dev.dataeng.p10.recon.ReconJob;
import dev.dataeng.p10.recon.ReconReport;
import dev.dataeng.p10.recon.ReconSchedule;
import dev.dataeng.p10.serving.SpendView;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.RedisClient;

/**
 * The whole platform on embedded defaults, driven by the generator, with faults on demand; ends with the recon and
 * a per-campaign comparison with the generator's truth, a report and a chart.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the platform (gateway, Kafka, Flink speed layer + lake, Redis billing, Spark recon) on a generated ad stream.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--events", description = "impressions to generate (clicks, duplicates and poison come on top; default ${DEFAULT-VALUE})")
    long events = 100_000;
    @Option(names = "--rate", description = "records per second offered to the gateway, 0 = as fast as it takes them (default ${DEFAULT-VALUE})")
    double rate = 20_000;
    @Option(names = "--seed", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed = 42;
    @Option(names = "--duplicate-rate", description = "share of events delivered twice (default ${DEFAULT-VALUE})")
    double duplicateRate = 0.02;
    @Option(names = "--late-rate", description = "share of events 2-10 minutes late (default ${DEFAULT-VALUE})")
    double lateRate = 0.01;
    @Option(names = "--kill-at", split = ",", description = "progress fractions at which to kill a component, e.g. 0.2,0.5,0.8")
    List<Double> killAt = new ArrayList<>();
    @Option(names = "--kill", split = ",", description = "what dies at each --kill-at, in turn: gateway, flink (restart from a savepoint), flink-state (restart without state), billing (default: gateway,flink-state,billing)")
    List<String> kill = new ArrayList<>(List.of("gateway", "flink-state", "billing"));
    @Option(names = "--bootstrap-servers", description = "Kafka to use (default: an in-JVM broker)")
    String bootstrapServers;
    @Option(names = "--redis", description = "Redis URL, e.g. redis://host:6379 (default: an embedded redis-server)")
    String redis;
    @Option(names = "--spark-master", description = "Spark master of the recon (default ${DEFAULT-VALUE})")
    String sparkMaster = "local[2]";
    @Option(names = "--out", description = "lake, savepoints, report and chart go here (default ${DEFAULT-VALUE})")
    Path out = Path.of("target", "p10-demo");
    @Option(names = "--gateway-port", description = "the gateway's port, 0 = any free one (default ${DEFAULT-VALUE})")
    int gatewayPort = 8088;
    @Option(names = "--metrics-port", description = "the billing engine's /metrics port, 0 = any (default ${DEFAULT-VALUE})")
    int metricsPort = 8089;
    @Option(names = "--clients", description = "concurrent ad-server clients (default ${DEFAULT-VALUE})")
    int clients = 4;
    @Option(names = "--batch", description = "events per HTTP batch (default ${DEFAULT-VALUE})")
    int batch = 500;
    @Option(names = "--event-rate", description = "impressions per second of event time: how fast the demo's clock runs through the data (default ${DEFAULT-VALUE}, 36,000 impressions an hour)")
    double eventRate = 10;
    @Option(names = "--recon-every", description = "run the recon every N minutes of the demo's (event) clock over the hours that are closed, 0 = only at the end (default ${DEFAULT-VALUE})")
    int reconEvery = 15;
    @Option(names = "--recon-lateness", description = "minutes after an hour's end before it counts as closed: the allowed lateness (default ${DEFAULT-VALUE}: events arrive up to 10 minutes late)")
    int reconLateness = 15;
    @Option(names = "--drain-minutes", description = "how long the Flink jobs may take to catch up after the last event (default ${DEFAULT-VALUE})")
    int drainMinutes = 30;

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        AdEventGenerator generator = new AdEventGenerator(AdConfig.dirty(seed, events)
                .withDirt(0.10, lateRate, duplicateRate, 0.005).withRate(eventRate));
        List<Campaign> catalogue = generator.campaigns();
        Path lake = out.resolve("lake");
        deleteRecursively(out);
        long lastEvent = generator.summarize().lastEventTimeMs();
        long clock = lastEvent + 60_000L; // the gateway's 'now': the generator's clock, just past its last event
        o.printf("p10 demo: %,d impressions, seed %d, duplicates %.1f%%, late %.1f%%, kills %s%n", events, seed,
                duplicateRate * 100, lateRate * 100, killAt.isEmpty() ? "none" : killAt + " " + kill);
        try (Platform platform = new Platform(new Platform.Settings(bootstrapServers, redis, lake,
                out.resolve("savepoints"), gatewayPort, metricsPort, () -> clock), catalogue)) {
            o.printf("gateway %s/events · gateway metrics %s/metrics · billing metrics %s%n", platform.gateway().uri(),
                    platform.gateway().uri(), platform.billingMetricsUrl());
            o.printf("in another terminal: ./mvnw -q -pl p10-hybrid-zomato exec:exec -Dexec.args=\"status --gateway %s"
                    + " --billing %s\"%n%n", platform.gateway().uri(), platform.billingMetricsUrl());
            LoadDriver driver = new LoadDriver(platform.gateway().uri(), clients, batch, rate);
            SparkSession spark = null;
            ReconSchedule schedule = null;
            if (reconEvery > 0) {
                o.printf("recon every %d minutes of the demo's clock over the closed hours (an hour closes %d minutes"
                        + " after its end)%n", reconEvery, reconLateness);
                spark = ReconJob.session(sparkMaster);
                schedule = new ReconSchedule(spark, ReconJob.Options.all(lake.toString(), platform.bootstrapServers(),
                        platform.redisUrl()), catalogue, Duration.ofMinutes(reconEvery),
                        Duration.ofMinutes(reconLateness), () -> platform.awaitLakeCommitted(Duration.ofMinutes(5)),
                        run -> o.printf("*** recon (scheduled) v%d at clock %s: hours before %s, %,d corrections"
                                + " (%,d changed a figure, |delta| %,.2f)%n", run.report().version(),
                                Instant.ofEpochMilli(run.clockMs()), Instant.ofEpochMilli(run.closedBeforeMs()),
                                run.report().corrections().size(), run.report().changes().size(),
                                run.report().absoluteDeltaMicros() / 1e6));
            }
            ReconSchedule scheduled = schedule;
            long total = generator.summarize().records();
            LiveTable live = new LiveTable(platform, driver, catalogue, o);
            live.start();
            List<Double> pending = new ArrayList<>(killAt);
            int[] killNo = {0};
            driver.run(generator.records().iterator(), total, (queued, all) -> {
                while (!pending.isEmpty() && queued >= pending.get(0) * all) {
                    pending.remove(0);
                    String what = kill.get(killNo[0]++ % kill.size());
                    o.printf("*** kill at %.0f%%: %s%n", 100.0 * queued / all, what);
                    switch (what) {
                        case "gateway" -> platform.killGateway();
                        case "flink" -> platform.killSpeed(true);
                        case "flink-state" -> platform.killSpeed(false);
                        case "billing" -> platform.killBilling();
                        default -> throw new IllegalArgumentException("--kill takes gateway, flink, flink-state or"
                                + " billing, not " + what);
                    }
                }
                if (scheduled != null) {
                    scheduled.tick(driver.acknowledgedClock());
                }
            });
            o.printf("delivered: %,d records, %,d accepted, %,d rejected, %,d retries%n", driver.sent(),
                    driver.accepted(), driver.rejected(), driver.retries());
            platform.drain(Duration.ofMinutes(drainMinutes));
            awaitBilling(platform.billing());
            live.stop();

            Map<String, Long> truth = truth(generator, catalogue);
            Map<String, Long> before = billed(platform, truth);
            Map<Long, Long> realtimeByHour = new TreeMap<>();
            Map<Long, Long> reconciledByHour = new TreeMap<>();
            hourly(platform.redisUrl(), catalogue, realtimeByHour, false);

            o.println("recon: Spark over the lake (on demand, every hour) ...");
            if (spark == null) {
                spark = ReconJob.session(sparkMaster);
            }
            ReconReport report;
            try {
                report = ReconJob.run(spark, ReconJob.Options.all(lake.toString(), platform.bootstrapServers(),
                        platform.redisUrl()), catalogue);
            } finally {
                spark.stop();
            }
            awaitBilling(platform.billing());
            Map<String, Long> after = billed(platform, truth);
            hourly(platform.redisUrl(), catalogue, reconciledByHour, true);
            o.printf("recon v%d: %,d lake records (%,d duplicates), %,d campaign-hours, %,d changed, |delta| %,.2f%n",
                    report.version(), report.lakeRecords(), report.duplicates(), report.campaignHours(),
                    report.changes().size(), report.absoluteDeltaMicros() / 1e6);

            String table = table(catalogue, truth, before, after);
            o.println();
            o.print(table);
            Files.createDirectories(out);
            Files.writeString(out.resolve("demo-report.md"), "# p10 demo report\n\n```\n" + table + "```\n",
                    StandardCharsets.UTF_8);
            SpendChart.write(out.resolve("spend-chart.html"), realtimeByHour, reconciledByHour);
            o.printf("%nreport: %s · chart: %s%n", out.resolve("demo-report.md"), out.resolve("spend-chart.html"));
            boolean exact = truth.entrySet().stream().allMatch(e -> e.getValue().equals(after.get(e.getKey())));
            o.println(exact ? "every campaign billed exactly its truth" : "MISMATCH: see the diff column");
            return exact ? 0 : 1;
        }
    }

    /** campaign|day → what must be billed: the generator's unique events priced, capped at the budget. */
    static Map<String, Long> truth(AdEventGenerator generator, List<Campaign> catalogue) {
        Map<String, Campaign> byId = generator.campaignsById();
        Map<String, Long> spend = new TreeMap<>();
        Iterator<AdEvent> it = generator.uniqueEvents().iterator();
        while (it.hasNext()) {
            AdEvent e = it.next();
            spend.merge(e.campaignId() + "|" + Days.dayOf(e.eventTimeMs()), byId.get(e.campaignId()).costMicros(e.type()),
                    Long::sum);
        }
        spend.replaceAll((k, v) -> Math.min(v, byId.get(k.substring(0, k.indexOf('|'))).dailyBudgetMicros()));
        return spend;
    }

    static Map<String, Long> billed(Platform platform, Map<String, Long> keys) {
        Map<String, Long> out = new TreeMap<>();
        for (String k : keys.keySet()) {
            out.put(k, platform.billing().spend(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1))
                    .billedMicros());
        }
        return out;
    }

    static void hourly(String redisUrl, List<Campaign> catalogue, Map<Long, Long> into, boolean reconciled) {
        try (RedisClient redis = RedisClient.create(URI.create(redisUrl))) {
            SpendView view = new SpendView(redis);
            for (String cell : view.realtimeHours()) {
                String campaign = cell.substring(0, cell.indexOf('|'));
                long hour = Long.parseLong(cell.substring(cell.indexOf('|') + 1));
                into.merge(hour, reconciled ? view.hourFigure(campaign, hour) : view.realtimeHour(campaign, hour),
                        Long::sum);
            }
        }
    }

    static String table(List<Campaign> catalogue, Map<String, Long> truth, Map<String, Long> before,
            Map<String, Long> after) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%-9s %15s %15s %14s %15s %11s%n",
                "campaign", "truth", "real-time", "corrections", "billed", "difference"));
        long[] sum = new long[4];
        for (Campaign c : catalogue) {
            long tr = 0;
            long rt = 0;
            long fin = 0;
            for (Map.Entry<String, Long> e : truth.entrySet()) {
                if (e.getKey().startsWith(c.campaignId() + "|")) {
                    tr += e.getValue();
                    rt += before.getOrDefault(e.getKey(), 0L);
                    fin += after.getOrDefault(e.getKey(), 0L);
                }
            }
            sum[0] += tr;
            sum[1] += rt;
            sum[2] += fin;
            t.append(String.format(Locale.ROOT, "%-9s %,15.3f %,15.3f %,14.3f %,15.3f %,11.3f%n", c.campaignId(),
                    tr / 1e6, rt / 1e6, (fin - rt) / 1e6, fin / 1e6, (fin - tr) / 1e6));
        }
        t.append(String.format(Locale.ROOT, "%-9s %,15.3f %,15.3f %,14.3f %,15.3f %,11.3f%n", "total", sum[0] / 1e6,
                sum[1] / 1e6, (sum[2] - sum[1]) / 1e6, sum[2] / 1e6, (sum[2] - sum[0]) / 1e6));
        t.append("(rupees, exact to the micro: the smallest price here is 0.005; truth = the generator's unique events priced at the bid, capped at the daily budget)\n");
        return t.toString();
    }

    /** Waits until billing has applied everything on its topics. */
    static void awaitBilling(BillingEngine billing) throws InterruptedException {
        long polls = billing.polls();
        long deadline = System.currentTimeMillis() + 120_000;
        while (!(billing.polls() >= polls + 2 && billing.lag() == 0)) {
            if (billing.failure() != null) {
                throw new IllegalStateException("billing failed: " + billing.failure().getMessage(), billing.failure());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("billing did not catch up within 2 minutes (lag " + billing.lag() + ")");
            }
            Thread.sleep(100);
        }
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
