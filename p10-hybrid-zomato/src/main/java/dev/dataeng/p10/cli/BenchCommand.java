package dev.dataeng.p10.cli;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.kafka.EmbeddedKafka;
import dev.dataeng.p10.demo.LoadDriver;
import dev.dataeng.p10.gateway.EventsGateway;
import dev.dataeng.p10.platform.EventJson;
import dev.dataeng.p10.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sustained events per second through the whole real-time path (ad servers → gateway → Kafka → Flink speed layer
 * and lake → billing in Redis), against the ceiling: a bare producer with the gateway's settings on the same broker.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the real-time path against a bare Kafka producer on the same broker.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", description = "impressions to generate (default ${DEFAULT-VALUE})")
    long events = 300_000;
    @Option(names = "--clients", description = "concurrent ad-server clients (default ${DEFAULT-VALUE})")
    int clients = 4;
    @Option(names = "--batch", description = "events per HTTP batch (default ${DEFAULT-VALUE})")
    int batch = 1_000;
    @Option(names = "--seed", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Override
    public Integer call() throws Exception {
        AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(seed, events));
        long records = generator.summarize().records();
        long clock = generator.summarize().lastEventTimeMs() + 60_000L;
        Path work = Files.createTempDirectory("p10-bench");
        double bare;
        double gatewayAlone;
        try (EmbeddedKafka kafka = EmbeddedKafka.singleBroker().start()) {
            bare = bareProducer(kafka.bootstrapServers(), generator, records);
            System.out.printf(Locale.ROOT, "1/3 bare producer: %,d records at %,.0f records/s%n", records, bare);
            dev.dataeng.p10.platform.Topics.create(kafka.bootstrapServers(), 3);
            try (EventsGateway gateway = EventsGateway.start(EventsGateway.Config.defaults(kafka.bootstrapServers())
                    .withClock(() -> clock), generator.campaignsById().keySet(),
                    dev.dataeng.p10.metrics.Metrics.newRegistry())) {
                LoadDriver driver = new LoadDriver(gateway.uri(), clients, batch, 0);
                long t0 = System.nanoTime();
                driver.run(generator.records().iterator(), records, (queued, total) -> { });
                gatewayAlone = records / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "2/3 gateway alone: %,.0f records/s%n", gatewayAlone);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.singleBroker().start()) {
            try (Platform platform = new Platform(new Platform.Settings(kafka.bootstrapServers(), null,
                    work.resolve("lake"), work.resolve("savepoints"), 0, 0, () -> clock), generator.campaigns())) {
                LoadDriver driver = new LoadDriver(platform.gateway().uri(), clients, batch, 0);
                long t0 = System.nanoTime();
                driver.run(generator.records().iterator(), records, (queued, total) -> { });
                long accepted = System.nanoTime();
                Map<Integer, Long> end = platform.endOffsets();
                while (!platform.speedLayerReached(end)) {
                    Thread.sleep(100);
                }
                long path = System.nanoTime();
                double[] latency = platform.billing().latencyP50P99Millis();
                double gatewayRate = records / ((accepted - t0) / 1e9);
                double pathRate = records / ((path - t0) / 1e9);
                System.out.println();
                System.out.printf(Locale.ROOT, "%-62s %14s%n", "stage (one in-JVM broker, this machine)", "records/s");
                System.out.printf(Locale.ROOT, "%-62s %,14.0f%n", "bare producer (acks=all, idempotent, lz4)", bare);
                System.out.printf(Locale.ROOT, "%-62s %,14.0f%n", "ad servers -> gateway (HTTP) -> Kafka acks, no Flink",
                        gatewayAlone);
                System.out.printf(Locale.ROOT, "%-62s %,14.0f%n", "same, with the Flink jobs and billing running",
                        gatewayRate);
                System.out.printf(Locale.ROOT, "%-62s %,14.0f%n",
                        "whole real-time path (until the speed layer committed)", pathRate);
                System.out.printf(Locale.ROOT, "%-62s %,11.0f ms%n", "latency gateway accept -> billing cache, p50",
                        latency[0]);
                System.out.printf(Locale.ROOT, "%-62s %,11.0f ms%n", "latency gateway accept -> billing cache, p99",
                        latency[1]);
                System.out.printf(Locale.ROOT, "ratio platform/bare-producer = %.2f%n", pathRate / bare);
            }
        } finally {
            DemoCommand.deleteRecursively(work);
        }
        return 0;
    }

    /** The ceiling: the same records, the gateway's producer settings, no HTTP, no validation. */
    static double bareProducer(String bootstrap, AdEventGenerator generator, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("bench-bare", 3, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long now = System.currentTimeMillis();
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            Iterator<AdRecord> it = generator.records().iterator();
            while (it.hasNext()) {
                AdRecord r = it.next();
                if (r instanceof AdRecord.Event e) {
                    producer.send(new ProducerRecord<>("bench-bare", null, e.event().eventTimeMs(),
                            e.event().campaignId().getBytes(StandardCharsets.UTF_8), EventJson.write(e.event(), now, true)));
                }
            }
            producer.flush();
        }
        return records / ((System.nanoTime() - t0) / 1e9);
    }
}
