package dev.dataeng.p08.flink;

import dev.dataeng.p08.model.RateCard;

/**
 * Where a Flink job reads and writes. {@code bounded}: read the input topic up to its end offsets as of the start,
 * then finish (the final watermark then fires every window); otherwise run until cancelled.
 */
public record FlinkSettings(String bootstrapServers, String inputTopic, String outputTopic, String groupId,
        boolean bounded, RateCard rateCard) {
}
