package dev.dataeng.p04.example;

import dev.dataeng.p04.dag.NonRetryableTaskException;
import dev.dataeng.p04.dag.TaskAction;
import dev.dataeng.p04.dag.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/**
 * {@code land_raw}: publishes the staged extract as the raw partition {@code raw/orders/dt=<ds>/} with a
 * {@code _SUCCESS} marker, replacing what was there for that day only. It checks first that the staged files hold
 * exactly the {@code row_count} the extract reported (nothing lost on the way).
 */
public final class LandRaw implements TaskAction {
    private final PipelineConfig config;

    public LandRaw(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        LocalDate ds = context.ds();
        long expected = Long.parseLong(context.xcomPull("extract_orders", "row_count").orElseThrow(
                () -> new NonRetryableTaskException("no row_count XCom from extract_orders for " + ds)));
        Path staging = config.stagingDir(ds);
        long staged = 0;
        for (Path part : Files2.parts(staging)) {
            try (var lines = Files.lines(part)) {
                staged += lines.filter(l -> !l.isBlank()).count();
            }
        }
        if (staged != expected) {
            throw new NonRetryableTaskException("staging holds " + staged + " orders for " + ds
                    + " but extract_orders reported " + expected);
        }
        Path raw = config.rawDir(ds);
        Path incoming = raw.resolveSibling(raw.getFileName() + ".incoming");
        Files2.deleteRecursively(incoming);
        Files.createDirectories(incoming);
        for (Path part : Files2.parts(staging)) {
            Files.copy(part, incoming.resolve(part.getFileName()));
        }
        Files.writeString(incoming.resolve("_SUCCESS"), "{\"rows\": " + staged + "}\n");
        Files2.deleteRecursively(raw);
        Files.move(incoming, raw, StandardCopyOption.ATOMIC_MOVE);
        context.log("landed " + staged + " orders in " + raw);
    }
}
