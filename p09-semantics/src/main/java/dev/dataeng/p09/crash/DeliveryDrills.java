package dev.dataeng.p09.crash;

import dev.dataeng.p09.delivery.BillingReader;
import dev.dataeng.p09.delivery.DeliveryMode;
import dev.dataeng.p09.delivery.SpendLine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;

/**
 * Runs {@code SpendJob} in one mode through a {@link CrashDrill} (three SIGKILLs, then to the end) and reads back
 * what it wrote: the spend topic through {@link BillingReader}, or the sink table.
 */
public final class DeliveryDrills {

    /** The drill's kills and what the output holds; {@code deliveries} is the sink's count of writes (upsert modes). */
    public record Run(CrashDrill.Result drill, List<SpendLine> output, long deliveries) {
    }

    private DeliveryDrills() {
    }

    public static Run run(String bootstrapServers, DeliveryMode mode, String inputTopic, String campaignsTopic,
            long inputRecords, Path workDir, long paceMicros) {
        String name = mode.label();
        String output = "spend-" + name;
        String group = "spend-job-" + name;
        Topics.create(bootstrapServers, output, 3);
        // The sink database is a server beside the broker, as PostgreSQL would be: the killed job is its client.
        Server database = startDatabase(workDir);
        String jdbc = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/sink-" + name;
        try {
            List<String> args = List.of("spend-job", "--mode", name, "--bootstrap-servers", bootstrapServers,
                    "--input", inputTopic, "--campaigns", campaignsTopic, "--output", output,
                    "--dead-letters", output + "-dead-letters", "--jdbc-url", jdbc,
                    "--group", group, "--transactional-id", "spend-job-" + name + "-0", "--batch", "100",
                    "--pace-us", String.valueOf(paceMicros));
            CrashDrill.Result drill;
            Path log = workDir.resolve(name + ".log");
            if (mode == DeliveryMode.EFFECTIVELY_ONCE) {
                drill = CrashDrill.run("-Xmx256m", log, args, () -> sinkRows(jdbc), inputRecords,
                        Duration.ofSeconds(120), null);
                return readSink(drill, jdbc);
            }
            try (TopicProgress progress = new TopicProgress(bootstrapServers, output)) {
                drill = CrashDrill.run("-Xmx256m", log, args, progress::written, inputRecords,
                        Duration.ofSeconds(120), null);
            }
            return new Run(drill, BillingReader.readLines(bootstrapServers, output, Duration.ofSeconds(60)), 0);
        } finally {
            database.stop();
        }
    }

    private static Server startDatabase(Path workDir) {
        try {
            return Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
                    workDir.toAbsolutePath().toString()).start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 server: " + e.getMessage(), e);
        }
    }

    private static long sinkRows(String jdbc) {
        try (Connection c = DriverManager.getConnection(jdbc, "sa", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM spend_lines")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // the job has not created its table yet
        }
    }

    private static Run readSink(CrashDrill.Result drill, String jdbc) {
        List<SpendLine> lines = new ArrayList<>();
        long deliveries = 0;
        try (Connection c = DriverManager.getConnection(jdbc, "sa", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT event_id, campaign_id, event_time, cost_micros, deliveries FROM spend_lines")) {
            while (rs.next()) {
                lines.add(new SpendLine(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                deliveries += rs.getLong(5);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sink table spend_lines at " + jdbc + ": " + e.getMessage(),
                    e);
        }
        return new Run(drill, lines, deliveries);
    }
}
