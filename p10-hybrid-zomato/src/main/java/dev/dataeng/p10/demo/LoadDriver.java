package dev.dataeng.p10.demo;

import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.p10.gateway.BatchEncoder;
import dev.dataeng.p10.gateway.GatewayClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ad servers: draws the generator's records, cuts them into batches and posts them to the gateway from a few
 * client threads, at a target rate (0: as fast as the gateway takes them). Clients retry 429/503 and a gateway that
 * is down, as real ones do.
 */
public final class LoadDriver {
    private static final List<AdRecord> END = List.of();

    private final GatewayClient client;
    private final int clients;
    private final int batchSize;
    private final double ratePerSecond;
    private final AtomicLong sentRecords = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong maxEventTime = new AtomicLong(Long.MIN_VALUE);
    /** Batches handed to the clients and not yet answered 202, by sequence number. */
    private final java.util.TreeSet<Long> pending = new java.util.TreeSet<>();
    /** Sequence number → the arrival time of its last record, kept until every earlier batch is answered. */
    private final java.util.TreeMap<Long, Long> lastArrival = new java.util.TreeMap<>();
    private long acknowledgedClock = Long.MIN_VALUE;

    public LoadDriver(URI gateway, int clients, int batchSize, double ratePerSecond) {
        this.client = new GatewayClient(gateway, 200, 10_000);
        this.clients = clients;
        this.batchSize = batchSize;
        this.ratePerSecond = ratePerSecond;
    }

    public long sent() {
        return sentRecords.get();
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long retries() {
        return client.retries();
    }

    /** The largest event time delivered so far (the demo's clock). */
    public long maxEventTime() {
        return maxEventTime.get();
    }

    /**
     * The demo's clock as the platform sees it: the arrival time of the last record such that it and every record
     * before it was answered 202 (is on Kafka). Records arrive in arrival-time order, so nothing that arrived
     * earlier is still on its way.
     */
    public synchronized long acknowledgedClock() {
        return acknowledgedClock;
    }

    private synchronized void handedOver(long seq, long arrival) {
        pending.add(seq);
        lastArrival.put(seq, arrival);
    }

    private synchronized void answered(long seq) {
        pending.remove(seq);
        long firstOpen = pending.isEmpty() ? Long.MAX_VALUE : pending.first();
        while (!lastArrival.isEmpty() && lastArrival.firstKey() < firstOpen) {
            acknowledgedClock = Math.max(acknowledgedClock, lastArrival.pollFirstEntry().getValue());
        }
    }

    /** Delivers every record; {@code progress} is called on the calling thread after each batch is queued. */
    public void run(Iterator<AdRecord> records, long total, ProgressListener progress) throws Exception {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(clients * 2);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try {
                    for (Batch next = queue.take(); next.records() != END; next = queue.take()) {
                        List<AdRecord> batch = next.records();
                        GatewayClient.Delivery d = client.deliver(BatchEncoder.batch(batch));
                        if (d.status() != 202) {
                            throw new IllegalStateException("gateway answered " + d.status() + ": " + d.body());
                        }
                        accepted.addAndGet(d.accepted());
                        rejected.addAndGet(d.rejected());
                        sentRecords.addAndGet(batch.size());
                        answered(next.seq());
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "p10-ad-server-" + i);
            t.start();
            threads.add(t);
        }
        long start = System.nanoTime();
        long queued = 0;
        long seq = 0;
        List<AdRecord> batch = new ArrayList<>(batchSize);
        while (records.hasNext()) {
            AdRecord r = records.next();
            if (r instanceof AdRecord.Event e) {
                maxEventTime.accumulateAndGet(e.event().eventTimeMs(), Math::max);
            }
            batch.add(r);
            if (batch.size() == batchSize || !records.hasNext()) {
                handedOver(seq, r.arrivalTimeMs());
                queue.put(new Batch(seq++, batch));
                queued += batch.size();
                batch = new ArrayList<>(batchSize);
                if (ratePerSecond > 0) {
                    long due = start + (long) (queued * 1e9 / ratePerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                progress.queued(queued, total);
                synchronized (failures) {
                    if (!failures.isEmpty()) {
                        break;
                    }
                }
            }
        }
        for (int i = 0; i < clients; i++) {
            queue.put(new Batch(-1, END));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an ad server failed: " + failures.get(0).getMessage(), failures.get(0));
        }
    }

    private record Batch(long seq, List<AdRecord> records) {
    }

    /** Called after each batch is handed to the clients. */
    @FunctionalInterface
    public interface ProgressListener {
        void queued(long records, long total) throws Exception;
    }
}
