package dev.dataeng.p09.crash;

import dev.dataeng.p09.time.WindowCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.IsolationLevel;

/**
 * The windowed spend jobs of Kafka Streams ({@code streams-job}) and Flink ({@code flink-job}) through a
 * {@link CrashDrill}: three SIGKILLs at 20/50/80% (Kafka Streams: of its output, so kills land between commits;
 * Flink: of its input committed by checkpoints, once results were written after the newest checkpoint), then to the
 * end. Returns every committed window result, in topic order.
 */
public final class EngineDrills {

    /** The drill and the window results a read_committed reader sees. */
    public record Run(CrashDrill.Result drill, List<WindowCount> committed) {
    }

    private EngineDrills() {
    }

    public static Run streams(String bootstrapServers, String inputTopic, String campaignsTopic, long inputRecords,
            Path workDir, long paceMicros) {
        String app = "p09-streams-spend";
        String output = "window-spend-streams";
        Topics.create(bootstrapServers, output, 3);
        Topics.create(bootstrapServers, "too-late-streams", 3);
        List<String> args = List.of("streams-job", "--bootstrap-servers", bootstrapServers, "--application-id", app,
                "--input", inputTopic, "--campaigns", campaignsTopic, "--output", output, "--too-late",
                "too-late-streams", "--state-dir", workDir.resolve("state").toString(), "--pace-us",
                String.valueOf(paceMicros));
        CrashDrill.Result drill;
        // Kills on output progress (one window update per input event), so they land between commits; done when
        // the group has committed the whole input (under exactly_once_v2 the output commits with the offsets).
        try (GroupProgress committed = new GroupProgress(bootstrapServers, app, inputTopic);
                TopicProgress written = new TopicProgress(bootstrapServers, output)) {
            drill = CrashDrill.run("-Xmx384m", workDir.resolve("streams.log"), args, written::records,
                    inputRecords, Duration.ofSeconds(120), () -> committed.committed() >= inputRecords);
        }
        return new Run(drill, read(bootstrapServers, output));
    }

    /**
     * The Flink job reads its input unbounded (a bounded {@code KafkaSource} restored from a checkpoint never
     * finishes: FLINK-31006), so the final run is stopped once {@code complete} holds for the committed output.
     * {@code heartbeat} runs before each restart: it must give every input partition a new event that moves the
     * watermark past the input's windows. Watermarks are not in a checkpoint; a job restored after it had read the
     * whole input, with windows whose results the kill took away, otherwise never sees event time move again.
     */
    public static Run flink(String bootstrapServers, String inputTopic, String campaignsTopic, long inputRecords,
            Path workDir, long paceMicros, Runnable heartbeat, Predicate<List<WindowCount>> complete) {
        String group = "p09-flink-spend";
        String output = "window-spend-flink";
        Topics.create(bootstrapServers, output, 3);
        Path checkpoints = workDir.resolve("checkpoints");
        List<String> args = List.of("flink-job", "--bootstrap-servers", bootstrapServers, "--input", inputTopic,
                "--campaigns", campaignsTopic, "--output", output, "--group", group, "--checkpoint-dir",
                checkpoints.toString(), "--checkpoint-interval-ms", "500", "--transaction-timeout-s", "60",
                "--pace-us", String.valueOf(paceMicros));
        CrashDrill.Result drill;
        // Kills at 20/50/80% of the input committed by checkpoints, each once window results have been written after
        // the newest complete checkpoint: where an AT_LEAST_ONCE sink has published what the restored job publishes
        // again, and an EXACTLY_ONCE sink holds it in the transaction the kill aborts.
        try (UncheckpointedOutput trigger = new UncheckpointedOutput(bootstrapServers, group, inputTopic, output,
                checkpoints)) {
            drill = CrashDrill.run("-Xmx768m", workDir.resolve("flink.log"), args, trigger::progress,
                    inputRecords, Duration.ofSeconds(120), () -> complete.test(read(bootstrapServers, output)),
                    heartbeat);
        }
        return new Run(drill, read(bootstrapServers, output));
    }

    private static List<WindowCount> read(String bootstrapServers, String topic) {
        List<WindowCount> out = new ArrayList<>();
        dev.dataeng.common.kafka.KafkaTopics.readAll(bootstrapServers, topic, IsolationLevel.READ_COMMITTED,
                Duration.ofSeconds(60)).forEach(r -> out.add(WindowCount.fromJson(r.value())));
        return out;
    }
}
