package dev.dataeng.p09.delivery;

/**
 * Where {@link SpendJob} reads and writes.
 *
 * @param bootstrapServers Kafka ({@code host:port,…}): the in-JVM broker in tests, any cluster otherwise
 * @param inputTopic       ad events (JSON, keyed by campaign id)
 * @param campaignsTopic   the campaign catalogue
 * @param outputTopic      spend lines (modes that write to Kafka)
 * @param deadLetterTopic  records that are no priceable event, each with its reason in a header (every mode)
 * @param jdbcUrl          the idempotent sink (effectively-once mode)
 * @param groupId          consumer group whose committed offsets say where a restarted job goes on
 * @param transactionalId  the producer's transactional id (exactly-once): the same id after a restart fences the
 *                         killed instance and aborts its open transaction
 * @param batchSize        records per poll (one commit, or one transaction, per batch)
 * @param paceMicrosPerRecord artificial work per record, so a crash test can kill the job mid-run
 */
public record JobSettings(String bootstrapServers, String inputTopic, String campaignsTopic, String outputTopic,
        String deadLetterTopic, String jdbcUrl, String groupId, String transactionalId, int batchSize,
        long paceMicrosPerRecord) {
}
