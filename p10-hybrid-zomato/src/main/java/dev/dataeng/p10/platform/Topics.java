package dev.dataeng.p10.platform;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The platform's topics, created with the Admin API (idempotent: an existing topic is left as it is). */
public final class Topics {
    /** Accepted ad events, JSON, key = campaign id, timestamp = event time. */
    public static final String AD_EVENTS = "ad-events";
    /** Events the gateway rejected, the element as sent, the reason in the {@code reason} header. */
    public static final String AD_EVENTS_REJECTED = "ad-events-rejected";
    /** The campaign catalogue, JSON, key = campaign id (the last version wins). */
    public static final String CAMPAIGNS = "campaigns";
    /** Speed layer output: spend of one campaign in one minute, upsert, key = campaign id + minute. */
    public static final String SPEND_REALTIME = "spend-realtime";
    /** Speed layer output: a campaign's running spend of one day, upsert, key = campaign id + day. */
    public static final String SPEND_REALTIME_TOTAL = "spend-realtime-total";
    /** Speed layer output: one alert per campaign-day whose running spend reached its budget, upsert, key = campaign + day. */
    public static final String BUDGET_ALERTS = "budget-alerts";
    /** Speed layer output: records received, first copies kept, duplicates dropped by its dedup, upsert, key = layer. */
    public static final String DEDUP_STATS = "dedup-stats";
    /** Pauses (billing, at the budget), key = campaign id: the gateway stops billing a paused campaign's events. */
    public static final String CAMPAIGN_CONTROL = "campaign-control";
    /** Recon output: exact spend of a campaign in an hour and the delta it corrects, key = campaign id + hour. */
    public static final String SPEND_CORRECTIONS = "spend-corrections";

    /** Pricing rules fixed after the fact (backfills), key = campaign@day: every later recon applies them too. */
    public static final String PRICE_FIXES = "price-fixes";

    private Topics() {
    }

    public static void create(String bootstrapServers, int partitions) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Map<String, String> compacted = Map.of("cleanup.policy", "compact");
            List<NewTopic> topics = List.of(
                    new NewTopic(AD_EVENTS, partitions, (short) -1),
                    new NewTopic(AD_EVENTS_REJECTED, 1, (short) -1),
                    new NewTopic(CAMPAIGNS, 1, (short) -1).configs(compacted),
                    new NewTopic(SPEND_REALTIME, partitions, (short) -1).configs(compacted),
                    new NewTopic(SPEND_REALTIME_TOTAL, partitions, (short) -1).configs(compacted),
                    new NewTopic(BUDGET_ALERTS, partitions, (short) -1).configs(compacted),
                    new NewTopic(DEDUP_STATS, 1, (short) -1).configs(compacted),
                    new NewTopic(CAMPAIGN_CONTROL, 1, (short) -1),
                    new NewTopic(SPEND_CORRECTIONS, partitions, (short) -1),
                    new NewTopic(PRICE_FIXES, 1, (short) -1).configs(compacted));
            for (NewTopic t : topics) {
                try {
                    admin.createTopics(List.of(t)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + t.name() + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
