package dev.dataeng.p08;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Arrival;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The input of query 4: {@link AdInput}'s events plus clicks of a campaign that does not exist (they must come out
 * flagged, not be dropped), and the campaigns' history, {@value #UPDATES} updates per campaign during the stream's
 * first hour (budget and status change; the last version per campaign wins on the compacted topic). Clicks before
 * an update and clicks after it see different versions as of their event time; every click sees the last version
 * as the latest.
 */
final class CampaignInput {
    static final int UPDATES = 3;
    static final String UNKNOWN_CAMPAIGN = "cmp-9999";

    final AdInput base;
    final List<AdRecord> records;
    final List<AdEvent> events;
    final List<Campaign> history;

    CampaignInput(AdInput base) {
        this.base = base;
        List<AdRecord> list = new ArrayList<>(base.records);
        long start = base.generator.config().startMs();
        for (int i = 1; i <= 3; i++) {
            long t = start + i * 17 * 60_000L + 123;
            list.add(new AdRecord.Event(-1, t, new AdEvent("clk-unknown-" + i, EventType.CLICK, UNKNOWN_CAMPAIGN,
                    "u-2", "imp-unknown-" + i, t), Arrival.ON_TIME));
        }
        list.sort(Comparator.comparingLong(AdRecord::arrivalTimeMs));
        this.records = List.copyOf(list);
        this.events = records.stream().map(r -> ((AdRecord.Event) r).event()).toList();
        this.history = base.generator.campaignHistory(UPDATES);
    }
}
