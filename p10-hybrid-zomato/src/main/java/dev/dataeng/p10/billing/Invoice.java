package dev.dataeng.p10.billing;

import java.util.Map;

/** What one advertiser pays for one day: billed micros per campaign, and the total. */
public record Invoice(long advertiserId, String day, Map<String, Long> billedByCampaign, long totalMicros) {
}
