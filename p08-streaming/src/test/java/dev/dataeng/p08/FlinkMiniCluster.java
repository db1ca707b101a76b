package dev.dataeng.p08;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster of a test class: one task manager with 2 slots, no restarts (a failure fails the test). */
final class FlinkMiniCluster {
    private FlinkMiniCluster() {
    }

    static MiniClusterExtension perClass() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(FlinkJobsTest.noRestarts()).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                .build());
    }
}
