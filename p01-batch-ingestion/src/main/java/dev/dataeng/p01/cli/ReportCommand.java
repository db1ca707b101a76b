package dev.dataeng.p01.cli;

import dev.dataeng.p01.ingest.IngestionLog;
import dev.dataeng.p01.ingest.LogEntry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code report}: the ingestion log, one line per attempt. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Print the ingestion log.")
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    Database database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = database.connect()) {
            IngestionLog.create(c);
            List<LogEntry> entries = IngestionLog.all(c);
            int fileWidth = Math.max(4, entries.stream().mapToInt(e -> e.fileName().length()).max().orElse(0));
            int datasetWidth = Math.max(7, entries.stream().mapToInt(e -> e.dataset().length()).max().orElse(0));
            String names = "%-" + fileWidth + "s %-" + datasetWidth + "s";
            out.printf("%4s  " + names + " %-10s %9s %9s %11s %10s  %s%n", "id", "file", "dataset", "status", "read",
                    "loaded", "quarantined", "duplicates", "sha256");
            for (LogEntry e : entries) {
                out.printf(Locale.ROOT, "%4d  " + names + " %-10s %,9d %,9d %,11d %,10d  %s…%n", e.ingestionId(),
                        e.fileName(), e.dataset(), e.status(), e.rowsRead(), e.rowsLoaded(), e.rowsQuarantined(),
                        e.rowsDuplicate(), e.sha256().substring(0, 12));
            }
            out.printf("%d ingestion(s) in %s%n", entries.size(), database.url());
        }
        return 0;
    }
}
