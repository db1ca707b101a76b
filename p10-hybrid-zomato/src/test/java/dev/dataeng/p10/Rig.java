package dev.dataeng.p10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.kafka.KafkaWait;
import dev.dataeng.p10.billing.BillingEngine;
import dev.dataeng.p10.platform.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Test helper: waits for the billing engine, reads end offsets. */
final class Rig {
    private Rig() {
    }

    /** Waits until billing has applied every record now on its topics (two polls later, nothing left). */
    static void awaitBillingCaughtUp(BillingEngine billing) {
        long polls = billing.polls();
        KafkaWait.until(Duration.ofSeconds(60), "the billing engine to apply every record of its topics", () -> {
            assertThat(billing.failure()).as("billing engine failure").isNull();
            return billing.polls() >= polls + 2 && billing.lag() == 0;
        });
    }

    /** partition → end offset of ad-events now. */
    static Map<Integer, Long> endOffsets(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                ask.put(new TopicPartition(Topics.AD_EVENTS, p), OffsetSpec.latest());
            }
            Map<Integer, Long> out = new HashMap<>();
            admin.listOffsets(ask).all().get().forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            return out;
        }
    }
}
