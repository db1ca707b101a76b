package dev.dataeng.p10.cli;

import dev.dataeng.common.ads.Campaign;
import dev.dataeng.p10.demo.LoadDriver;
import dev.dataeng.p10.platform.Platform;
import java.io.PrintStream;
import java.util.List;

/** The demo's live line every 2 seconds: what was sent and accepted, what billing did, how late it is. */
final class LiveTable {
    private final Platform platform;
    private final LoadDriver driver;
    private final List<Campaign> catalogue;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;

    LiveTable(Platform platform, LoadDriver driver, List<Campaign> catalogue, PrintStream out) {
        this.platform = platform;
        this.driver = driver;
        this.catalogue = catalogue;
        this.out = out;
        this.thread = new Thread(this::loop, "p10-live-table");
        thread.setDaemon(true);
    }

    void start() {
        out.printf("%7s %11s %11s %9s %9s %9s %7s %15s %9s %9s%n", "time", "sent", "accepted", "rejected", "ev/s",
                "bill lag", "paused", "billed (Rs)", "p50 ms", "p99 ms");
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    private void loop() {
        long start = System.currentTimeMillis();
        long lastSent = 0;
        long lastAt = start;
        while (running) {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
            try {
                long now = System.currentTimeMillis();
                long sent = driver.sent();
                long billed = 0;
                for (Campaign c : catalogue) {
                    billed += platform.billing().billedByDay(c.campaignId()).values().stream().mapToLong(Long::longValue)
                            .sum();
                }
                double[] latency = platform.billing().latencyP50P99Millis();
                out.printf("%6.0fs %,11d %,11d %,9d %,9.0f %,9d %7d %,15.2f %,9.0f %,9.0f%n", (now - start) / 1000.0,
                        sent, driver.accepted(), driver.rejected(), (sent - lastSent) * 1000.0 / Math.max(1, now - lastAt),
                        platform.billing().lag(), platform.billing().pausedCampaignDays().size(), billed / 1e6,
                        latency[0], latency[1]);
                lastSent = sent;
                lastAt = now;
            } catch (RuntimeException e) {
                // a component is restarting (a kill): skip this line
            }
        }
    }
}
