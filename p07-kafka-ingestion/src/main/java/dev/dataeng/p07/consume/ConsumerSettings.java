package dev.dataeng.p07.consume;

import java.nio.file.Path;

/**
 * Where the ingestion consumer reads and writes, and how much it buffers. {@code flushRecords} / {@code flushMs}:
 * the buffer is written (bronze file, database, then offsets) when it holds that many records or is that old —
 * bigger files, fewer commits. {@code crash} injects a crash for the tests' kill-and-restart (NONE in production).
 */
public record ConsumerSettings(String bootstrapServers, String groupId, String topic, String deadLetterTopic,
        String jdbcUrl, Path bronzeDir, int flushRecords, long flushMs, int maxPollRecords, Crash crash) {

    /** Where to crash, and on which flush (1 = the first). */
    public record Crash(CrashPoint point, int onFlush) {
        public static final Crash NONE = new Crash(CrashPoint.NONE, 0);
    }

    public static ConsumerSettings of(String bootstrapServers, String groupId, String topic, String deadLetterTopic,
            String jdbcUrl, Path bronzeDir) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, deadLetterTopic, jdbcUrl, bronzeDir, 2000, 1000,
                500, Crash.NONE);
    }

    public ConsumerSettings withFlush(int records, long ms) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, deadLetterTopic, jdbcUrl, bronzeDir, records, ms,
                maxPollRecords, crash);
    }

    public ConsumerSettings withMaxPollRecords(int n) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, deadLetterTopic, jdbcUrl, bronzeDir,
                flushRecords, flushMs, n, crash);
    }

    public ConsumerSettings withGroup(String group) {
        return new ConsumerSettings(bootstrapServers, group, topic, deadLetterTopic, jdbcUrl, bronzeDir, flushRecords,
                flushMs, maxPollRecords, crash);
    }

    public ConsumerSettings withCrash(CrashPoint point, int onFlush) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, deadLetterTopic, jdbcUrl, bronzeDir,
                flushRecords, flushMs, maxPollRecords, new Crash(point, onFlush));
    }
}
