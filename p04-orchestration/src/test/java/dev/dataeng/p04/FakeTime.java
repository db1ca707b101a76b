package dev.dataeng.p04;

import dev.dataeng.p04.scheduler.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** A clock that only moves when someone sleeps on it: an hour of backoff takes no real time in a test. */
final class FakeTime extends Clock implements Sleeper {
    private final AtomicReference<Instant> now;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private volatile IntConsumer afterSleep = n -> {
    };

    FakeTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    static FakeTime at(String instant) {
        return new FakeTime(Instant.parse(instant));
    }

    /** Called with the number of sleeps so far, after each sleep (e.g. to make a file appear on the 3rd). */
    FakeTime afterSleep(IntConsumer hook) {
        this.afterSleep = hook;
        return this;
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public void sleep(Duration duration) {
        if (!duration.isNegative()) {
            advance(duration);
        }
        sleeps.add(duration);
        afterSleep.accept(sleeps.size());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
