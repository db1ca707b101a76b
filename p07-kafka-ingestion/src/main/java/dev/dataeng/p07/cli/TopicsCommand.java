package dev.dataeng.p07.cli;

import dev.dataeng.p07.topics.TopicDesign;
import dev.dataeng.p07.topics.TopicInfo;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates the chapter's topics if they are missing (idempotent) and describes them.")
public final class TopicsCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        try (Env env = Env.open(cluster, false, System.out); Admin admin = env.admin()) {
            System.out.printf("%-16s %10s %3s  %-40s %s%n", "TOPIC", "PARTITIONS", "RF", "CONFIGS",
                    "LEADER/ISR per partition");
            for (String topic : env.topics()) {
                TopicInfo info = TopicDesign.describe(admin, topic);
                StringBuilder parts = new StringBuilder();
                info.partitions().forEach(p -> parts.append(p.partition()).append(':').append(p.leader())
                        .append(p.isr()).append(' '));
                System.out.printf("%-16s %10d %3d  %-40s %s%n", topic, info.partitions().size(),
                        info.replicationFactor(), info.configs(), parts.toString().trim());
            }
            System.out.println("A group reads a topic with at most as many busy members as it has partitions.");
        }
        return 0;
    }
}
