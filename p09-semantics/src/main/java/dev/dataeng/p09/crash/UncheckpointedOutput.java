package dev.dataeng.p09.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * When to kill a Flink job so that a weak sink shows: only once it has written window results after its newest
 * completed checkpoint. A checkpoint is complete when its {@code chk-N/_metadata} file exists; the job's output is
 * counted read_uncommitted ({@link TopicProgress#records()}), so results in an open transaction count too. At that
 * moment an {@code EXACTLY_ONCE} sink holds those results in a transaction the kill aborts (the restored job writes
 * them again, once); an {@code AT_LEAST_ONCE} sink has already published them, and the restored job, which resumes
 * from the checkpoint, publishes them a second time.
 */
public final class UncheckpointedOutput implements AutoCloseable {
    /** How long the output must stand still before a kill may land where nothing is uncommitted. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final GroupProgress committed;
    private final TopicProgress written;
    private final Path checkpointDir;
    private long checkpoint = Long.MIN_VALUE;
    private long writtenAtCheckpoint;
    private long lastRecords = -1;
    private long lastGrowth = System.nanoTime();

    public UncheckpointedOutput(String bootstrapServers, String group, String inputTopic, String outputTopic,
            Path checkpointDir) {
        this.committed = new GroupProgress(bootstrapServers, group, inputTopic);
        this.written = new TopicProgress(bootstrapServers, outputTopic);
        this.checkpointDir = checkpointDir;
    }

    /**
     * The input records the job's checkpoints have committed, when results were written after the newest complete
     * checkpoint; 0 otherwise (not a moment to kill). A checkpoint that completes while this looks is taken as
     * covering everything written so far. Once the output has not grown for {@link #QUIET_NANOS} (the job has
     * written all it can), the committed input is returned as it is: nothing is left to catch a weak sink with.
     */
    public long progress() {
        long before = newestCheckpoint(checkpointDir);
        long records = written.records();
        long after = newestCheckpoint(checkpointDir);
        long now = System.nanoTime();
        if (records != lastRecords) {
            lastRecords = records;
            lastGrowth = now;
        }
        if (after != checkpoint || before != after) {
            checkpoint = after;
            writtenAtCheckpoint = records;
            return 0;
        }
        boolean quiet = now - lastGrowth > QUIET_NANOS;
        return records > writtenAtCheckpoint || quiet ? committed.committed() : 0;
    }

    /** The id of the newest checkpoint under {@code dir} with its {@code _metadata} (ids go on across restores). */
    static long newestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(p -> p.getParent().getFileName().toString())
                    .filter(name -> name.matches("chk-\\d+"))
                    .mapToLong(name -> Long.parseLong(name.substring(4)))
                    .max().orElse(-1);
        } catch (IOException | UncheckedIOException e) {
            return -1; // a checkpoint directory removed while we walked it: look again next time
        }
    }

    @Override
    public void close() {
        written.close();
        committed.close();
    }
}
