package dev.dataeng.p07.consume;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.serde.AdEventDecoder;
import dev.dataeng.p07.sink.BronzeWriter;
import dev.dataeng.p07.sink.EventTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads ad events from Kafka into the bronze files and the {@code ad_events} table, at least once, effectively once:
 * records are buffered, and a flush (1) dead-letters what cannot be loaded, (2) inserts the new events in one
 * database transaction and writes their bronze files, (3) commits the database, and only then (4) commits the
 * offsets. A crash anywhere before (4) makes the group redeliver the records; the upsert by event id and the
 * orphan-file cleanup make the second delivery change nothing. A rebalance flushes before partitions move.
 *
 * <p>One consumer per thread ({@link KafkaConsumer} is not thread-safe): {@link #run()} on a thread of yours,
 * {@link #stop()} from another.
 */
public final class IngestionConsumer implements Runnable, AutoCloseable {
    private final ConsumerSettings settings;
    private final EventRules rules;
    private final AdEventDecoder decoder;
    private final EventTable table;
    private final BronzeWriter bronze;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DeadLetters deadLetters;
    private final IngestionStats stats = new IngestionStats();
    private final List<ConsumerRecord<byte[], byte[]>> buffer = new ArrayList<>();
    private final Set<TopicPartition> assignment = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong rebalances = new AtomicLong();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile boolean finished;
    private long lastFlushNanos = System.nanoTime();

    public IngestionConsumer(ConsumerSettings settings, SchemaRegistryClient registry, EventRules rules) {
        this.settings = settings;
        this.rules = rules;
        this.decoder = new AdEventDecoder(registry);
        this.table = new EventTable(settings.jdbcUrl());
        this.bronze = new BronzeWriter(settings.bronzeDir());
        this.deadLetters = new DeadLetters(settings.bootstrapServers(), settings.deadLetterTopic());
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Polls and flushes until {@link #stop()}; then flushes what is left and commits. */
    @Override
    public void run() {
        try {
            // BEGIN SOLUTION step 9: subscribe with the rebalance listener; poll into the buffer; flush when it is full or old; on stop, a last flush
            consumer.subscribe(List.of(settings.topic()), new FlushOnRebalance());
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    buffer.add(r);
                    stats.polled.incrementAndGet();
                }
                if (buffer.size() >= settings.flushRecords()
                        || System.nanoTime() - lastFlushNanos >= settings.flushMs() * 1_000_000L) {
                    flush();
                }
            }
            flush();
            // END SOLUTION
        } catch (RuntimeException | Error e) {
            failure = e; // a crash (SimulatedCrash) or an error: nothing more is written or committed
        } finally {
            finished = true;
            closeQuietly();
        }
    }

    /**
     * Writes the buffer: dead letters first, then the new events (database transaction + bronze files), commits
     * the database, and only after that commits the offsets of everything in the buffer.
     *
     * <p>Two calls mark where a killed process could die, and the kill-and-restart test (E15) makes it die there:
     * {@code crashIf(CrashPoint.AFTER_BRONZE_FILE)} after the bronze files are renamed and before the database
     * commit, {@code crashIf(CrashPoint.AFTER_DATABASE_COMMIT)} after the database commit and before the offset
     * commit. In production they do nothing; leave them out and E15's consumer never crashes.
     *
     * <p>A bronze file is {@code dt=…/hr=…/} (of the event time) + {@link #filePrefix(int)} + a part unique to this
     * flush + {@code .avro}: only {@code .avro} files count as bronze files when a new owner removes a crashed
     * one's orphans, and a name two flushes share would be replaced by the second rename, losing the first's events.
     */
    void flush() {
        lastFlushNanos = System.nanoTime();
        if (buffer.isEmpty()) {
            return;
        }
        // BEGIN SOLUTION step 9: classify each record (decode, rules) into a row or a dead letter; dead letters acknowledged first; insert rows, write the new ones' bronze files, crashIf(AFTER_BRONZE_FILE), commit the database, crashIf(AFTER_DATABASE_COMMIT); then commit offsets (last offset + 1 per partition); count
        List<DeadLetters.Letter> letters = new ArrayList<>();
        List<EventTable.Row> rows = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        String batch = "o" + buffer.get(0).offset() + "-" + Long.toHexString(System.nanoTime());
        for (ConsumerRecord<byte[], byte[]> r : buffer) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            AdEvent event;
            try {
                event = decoder.decode(r.value());
            } catch (AdEventDecoder.UndecodableException e) {
                letters.add(new DeadLetters.Letter(r, e.reason(), e.getMessage(), e.getCause() == null
                        ? e.getClass().getName() : e.getCause().getClass().getName()));
                continue;
            }
            var violation = rules.violation(event, r.timestamp());
            if (violation.isPresent()) {
                letters.add(new DeadLetters.Letter(r, violation.get(), "event " + event.eventId() + " of campaign "
                        + event.campaignId() + " at " + event.eventTimeMs(), EventRules.class.getName()));
                continue;
            }
            String file = BronzeWriter.partitionPath(event.eventTimeMs()) + "/" + filePrefix(r.partition()) + batch
                    + ".avro";
            rows.add(new EventTable.Row(event, r.partition(), r.offset(), file));
        }
        deadLetters.sendAll(letters);

        long inserted = 0;
        try (Connection c = table.connect()) {
            c.setAutoCommit(false);
            boolean[] isNew = table.insertNew(c, rows);
            Map<String, List<AdEvent>> files = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                if (isNew[i]) {
                    files.computeIfAbsent(rows.get(i).bronzeFile(), f -> new ArrayList<>()).add(rows.get(i).event());
                    inserted++;
                }
            }
            bronze.write(files);
            crashIf(CrashPoint.AFTER_BRONZE_FILE);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load into " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
        crashIf(CrashPoint.AFTER_DATABASE_COMMIT);
        consumer.commitSync(offsets);

        stats.consumed.addAndGet(buffer.size());
        stats.persisted.addAndGet(inserted);
        stats.duplicates.addAndGet(rows.size() - inserted);
        stats.deadLettered.addAndGet(letters.size());
        letters.forEach(l -> stats.deadLetterReasons.computeIfAbsent(l.reason(), k -> new AtomicLong())
                .incrementAndGet());
        // END SOLUTION
        stats.flushes.incrementAndGet();
        buffer.clear();
    }

    /** Bronze file names start with the source partition, so a new owner of a partition can clean up after a crash. */
    static String filePrefix(int partition) {
        return "part-p" + partition + "-";
    }

    /** Throws {@link SimulatedCrash} when the settings ask to die at {@code point} in this flush (tests only). */
    private void crashIf(CrashPoint point) {
        ConsumerSettings.Crash crash = settings.crash();
        if (crash.point() == point && stats.flushes.get() + 1 == crash.onFlush()) {
            throw new SimulatedCrash(point);
        }
    }

    /** Flushes (and so commits) before partitions are taken away; cleans up a crashed owner's files on assignment. */
    private final class FlushOnRebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (failure != null) {
                assignment.removeAll(partitions);
                return; // closing after a crash or an error: a dead process writes and commits nothing more
            }
            // BEGIN SOLUTION step 11: before another member gets these partitions: write and commit what is buffered
            flush();
            // END SOLUTION
            assignment.removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            rebalances.incrementAndGet();
            Set<String> referenced = table.referencedFiles();
            for (TopicPartition tp : partitions) {
                bronze.removeOrphans(filePrefix(tp.partition()), referenced);
            }
            assignment.addAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // The group has moved on without us: these records are another member's now; commit nothing for them.
            buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            assignment.removeAll(partitions);
        }
    }

    public IngestionStats.Counts counts() {
        return stats.snapshot();
    }

    /** The partitions this member owns now. */
    public Set<Integer> assignedPartitions() {
        Set<Integer> out = new TreeSet<>();
        assignment.forEach(tp -> out.add(tp.partition()));
        return out;
    }

    public long rebalances() {
        return rebalances.get();
    }

    /** Asks {@link #run()} to finish (a last flush and commit); returns at once. */
    public void stop() {
        stopping = true;
    }

    public boolean finished() {
        return finished;
    }

    /** What ended {@link #run()} abnormally ({@link SimulatedCrash} for an injected crash), or null. */
    public Throwable failure() {
        return failure;
    }

    private void closeQuietly() {
        try {
            consumer.close(Duration.ofSeconds(10));
        } catch (RuntimeException ignored) {
            // closing after a failure: nothing to add
        }
        deadLetters.close();
    }

    @Override
    public void close() {
        stop();
    }
}
