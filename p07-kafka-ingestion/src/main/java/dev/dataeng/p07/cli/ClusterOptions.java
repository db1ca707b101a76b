package dev.dataeng.p07.cli;

import picocli.CommandLine.Option;

/** Where Kafka and the registry are. */
public final class ClusterOptions {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (host:port,…). Default: start an"
            + " in-JVM cluster for this run.")
    String bootstrapServers;

    @Option(names = "--registry-url", description = "Schema registry URL (Confluent REST API: Confluent, Karapace,"
            + " Apicurio's /apis/ccompat/v7). Default: start the embedded registry on the cluster.")
    String registryUrl;

    @Option(names = "--registry-port", defaultValue = "0", description = "Port of the embedded registry (default: any"
            + " free port).")
    int registryPort;

    @Option(names = "--replication-factor", defaultValue = "0", description = "Replication factor of the topics"
            + " when they are created (default: min(3, brokers registered now); give it on a cluster that is still"
            + " starting, or brokers not yet registered are not counted).")
    int replicationFactor;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of ad-events and campaigns when"
            + " they are created (default: ${DEFAULT-VALUE}).")
    int partitions;
}
