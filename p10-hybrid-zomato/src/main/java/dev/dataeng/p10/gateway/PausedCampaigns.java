package dev.dataeng.p10.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataeng.p10.platform.Days;
import dev.dataeng.p10.platform.Topics;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the gateway knows of {@link Topics#CAMPAIGN_CONTROL}: which campaigns are paused on which day. A thread
 * reads the topic from the start (it is small) and keeps reading; the gateway asks {@link #isPaused}.
 */
public final class PausedCampaigns implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public PausedCampaigns(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        TopicPartition tp = new TopicPartition(Topics.CAMPAIGN_CONTROL, 0); // one partition: every pause, in order
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        thread = new Thread(this::loop, "p10-campaign-control");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isPaused(String campaignId, long eventTimeMs) {
        return paused.contains(campaignId + "|" + Days.dayOf(eventTimeMs));
    }

    public Set<String> pausedKeys() {
        return Set.copyOf(paused);
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void apply(byte[] value) {
        try {
            JsonNode n = MAPPER.readTree(value);
            String key = n.get("campaign_id").asText() + "|" + LocalDate.parse(n.get("day").asText());
            if ("PAUSE".equals(n.get("action").asText())) {
                paused.add(key);
            } else if ("RESUME".equals(n.get("action").asText())) {
                paused.remove(key);
            }
        } catch (Exception e) {
            // a control record we cannot read changes nothing; the billing engine wrote it, so this is a bug there
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
