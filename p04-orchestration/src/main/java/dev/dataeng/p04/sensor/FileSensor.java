package dev.dataeng.p04.sensor;

import dev.dataeng.p04.dag.TaskAction;
import dev.dataeng.p04.dag.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Waits until a file exists, e.g. the {@code _SUCCESS} marker of a partition another DAG writes: Airflow's
 * {@code FileSensor} in {@code poke} mode. It checks at once, then every {@code pokeInterval}; when
 * {@code timeout} has passed since it started and the file is still missing it fails without retrying.
 *
 * <p>Time comes from {@code context.clock()} and waiting goes through {@code context.sleeper()}, never
 * {@code Instant.now()} or {@code Thread.sleep}: the tests use a fake clock that moves only when the sleeper sleeps,
 * so a sensor that reads the real clock never reaches its timeout and pokes forever.
 */
public final class FileSensor implements TaskAction {
    private final Function<TaskContext, Path> path;
    private final Duration pokeInterval;
    private final Duration timeout;

    /** @param path the file to wait for, computed from the run (usually from {@code ds}) */
    public FileSensor(Function<TaskContext, Path> path, Duration pokeInterval, Duration timeout) {
        this.path = path;
        this.pokeInterval = pokeInterval;
        this.timeout = timeout;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        Path target = path.apply(context);
        // BEGIN SOLUTION step 9
        Instant started = context.clock().instant();
        int pokes = 0;
        while (true) {
            pokes++;
            if (Files.exists(target)) {
                context.log("found " + target + " after " + pokes + " poke(s)");
                return;
            }
            Duration waited = Duration.between(started, context.clock().instant());
            if (waited.compareTo(timeout) >= 0) {
                throw new SensorTimeoutException("sensor timed out after " + waited + " (" + pokes
                        + " pokes): " + target + " does not exist");
            }
            Duration left = timeout.minus(waited);
            context.sleeper().sleep(left.compareTo(pokeInterval) < 0 ? left : pokeInterval);
        }
        // END SOLUTION
    }
}
