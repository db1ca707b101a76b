package dev.dataeng.p08.spark;

import dev.dataeng.p08.model.RateCard;

/**
 * Where a Spark streaming query reads, writes and keeps its progress. {@code checkpointDir} holds the offsets read
 * and the state of windows and joins: a restart with the same directory continues where the last run stopped.
 */
public record SparkSettings(String bootstrapServers, String inputTopic, String jdbcUrl, String checkpointDir,
        RateCard rateCard) {
}
