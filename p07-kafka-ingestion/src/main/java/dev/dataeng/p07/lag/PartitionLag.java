package dev.dataeng.p07.lag;

/**
 * One partition's lag for a group: {@code end} (the log end offset) minus {@code committed} (the group's committed
 * offset; the partition's start offset when the group has committed nothing there, since everything is unread).
 */
public record PartitionLag(String topic, int partition, long end, long committed, boolean hasCommit) {
    public long lag() {
        return Math.max(0, end - committed);
    }
}
