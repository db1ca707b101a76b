package dev.dataeng.p07.cli;

import dev.dataeng.p07.avro.AdEventAvro;
import dev.dataeng.p07.registry.SchemaRegistryClient;
import dev.dataeng.p07.serde.AdEventSerializer;
import dev.dataeng.p07.topics.Topics;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Without --registry-url: runs the embedded schema registry (Confluent REST subset, schemas on"
                + " the compacted _schemas topic) until Ctrl-C, with the ad event schema registered.",
                "With --registry-url: registers the ad event schema there and lists subjects, versions and levels"
                        + " (checks the client against a real registry)."})
public final class RegistryCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--once", description = "Start, register, list, and stop (do not serve).")
    boolean once;

    @Override
    public Integer call() throws InterruptedException {
        if (cluster.registryUrl != null) {
            list(new SchemaRegistryClient(cluster.registryUrl));
            return 0;
        }
        if (cluster.registryPort == 0 && !once) {
            cluster.registryPort = 8081;
        }
        try (Env env = Env.open(cluster, true, System.out)) {
            list(env.registry());
            if (once) {
                return 0;
            }
            System.out.println("serving " + env.registry().baseUrl() + " (Ctrl-C stops); try: curl "
                    + env.registry().baseUrl() + "/subjects");
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
            done.await();
            return 0;
        }
    }

    private static void list(SchemaRegistryClient client) {
        String subject = AdEventSerializer.subject(Topics.AD_EVENTS);
        int id = client.register(subject, AdEventAvro.V1);
        System.out.printf("registered %s: id %d%n", subject, id);
        System.out.println("global compatibility level: " + client.compatibility(null));
        for (String s : client.subjects()) {
            System.out.printf("subject %-28s versions %s  level %s%n", s, client.versions(s), client.compatibility(s));
        }
    }
}
