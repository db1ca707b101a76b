package dev.dataeng.p07.produce;

import java.util.Map;

/**
 * What a producer's callbacks reported: {@code sent = acknowledged + failed + pending}. {@code failuresByError} counts
 * the failures by exception class (e.g. {@code NotEnoughReplicasException}).
 */
public record SendStats(long sent, long acknowledged, long failed, Map<String, Long> failuresByError) {

    public long pending() {
        return sent - acknowledged - failed;
    }
}
