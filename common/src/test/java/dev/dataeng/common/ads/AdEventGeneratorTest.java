package dev.dataeng.common.ads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdEventGeneratorTest {

    @Test
    void sameSeedSameRecordsInTheSameOrder() {
        AdConfig config = AdConfig.dirty(7, 5_000);
        List<String> a = new AdEventGenerator(config).records().map(AdEventGeneratorTest::render).toList();
        List<String> b = new AdEventGenerator(config).records().map(AdEventGeneratorTest::render).toList();
        assertThat(a).isEqualTo(b);
        List<String> other = new AdEventGenerator(AdConfig.dirty(8, 5_000)).records()
                .map(AdEventGeneratorTest::render).toList();
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void cleanStreamIsInEventTimeOrderWithUniqueIdsAndClicksAfterTheirImpressions() {
        AdEventGenerator gen = new AdEventGenerator(AdConfig.clean(1, 10_000));
        List<AdRecord> records = gen.records().toList();
        long last = Long.MIN_VALUE;
        Set<String> ids = new HashSet<>();
        Map<String, Long> impressionTime = new HashMap<>();
        for (AdRecord r : records) {
            AdRecord.Event e = (AdRecord.Event) r;
            assertThat(e.arrival()).isEqualTo(Arrival.ON_TIME);
            assertThat(e.event().eventTimeMs()).isGreaterThanOrEqualTo(last);
            assertThat(e.arrivalTimeMs()).isEqualTo(e.event().eventTimeMs());
            last = e.event().eventTimeMs();
            assertThat(ids.add(e.event().eventId())).isTrue();
            if (e.event().type() == EventType.IMPRESSION) {
                impressionTime.put(e.event().eventId(), e.event().eventTimeMs());
            }
        }
        long clicks = 0;
        long slow = 0;
        for (AdRecord r : records) {
            AdEvent e = ((AdRecord.Event) r).event();
            if (e.type() == EventType.CLICK && !e.eventId().startsWith("clk-orphan")) {
                clicks++;
                long delay = e.eventTimeMs() - impressionTime.get(e.impressionId());
                assertThat(delay).isBetween(1_000L, 1_200_000L);
                if (delay > 600_000) {
                    slow++;
                }
            }
        }
        assertThat(clicks).isBetween(650L, 950L); // 8% of 10,000
        assertThat(slow).isBetween(5L, 60L); // 3% of the clicks
        assertThat(records.get(0).sequence()).isZero();
        assertThat(records.get(records.size() - 1).sequence()).isEqualTo(records.size() - 1);
    }

    @Test
    void dirtyStreamLabelsEveryDeviationAndTheCountsAddUp() {
        AdEventGenerator gen = new AdEventGenerator(AdConfig.dirty(3, 20_000));
        AdStreamSummary s = gen.summarize();
        assertThat(s.records()).isEqualTo(s.events() + s.poison());
        assertThat(s.byArrival().get(Arrival.DUPLICATE)).isEqualTo(s.duplicates());
        assertThat(s.duplicates()).isBetween(300L, 560L); // 2% of ~21,600 events
        assertThat(s.poison()).isBetween(60L, 150L); // 0.5% of 20,000 impressions
        assertThat(s.poisonByKind().values()).allMatch(n -> n > 0);
        assertThat(s.byArrival().get(Arrival.LATE)).isBetween(150L, 300L);
        assertThat(gen.uniqueEvents().count()).isEqualTo(s.uniqueEvents());
        assertThat(gen.uniqueEvents().map(AdEvent::eventId).collect(Collectors.toSet())).hasSize(
                (int) s.uniqueEvents());

        long maxSeen = Long.MIN_VALUE;
        for (AdRecord r : gen.records().toList()) {
            if (r instanceof AdRecord.Event e) {
                long delay = e.arrivalTimeMs() - e.event().eventTimeMs();
                switch (e.arrival()) {
                    case ON_TIME -> assertThat(delay).isZero();
                    case OUT_OF_ORDER -> assertThat(delay).isBetween(1L, 5_000L);
                    case LATE -> assertThat(delay).isBetween(120_000L, 600_000L);
                    case DUPLICATE -> assertThat(delay).isBetween(1L, 600_000L + 30_000L);
                }
                assertThat(r.arrivalTimeMs()).isGreaterThanOrEqualTo(maxSeen);
                maxSeen = r.arrivalTimeMs();
            }
        }
    }

    @Test
    void campaignsHaveWholeMicroPricesAndHistoryEndsInTheCurrentVersion() {
        AdEventGenerator gen = new AdEventGenerator(AdConfig.clean(5, 10));
        for (Campaign c : gen.campaigns()) {
            assertThat(c.bidMicros() % 1000).isZero();
            assertThat(c.costMicros(EventType.IMPRESSION) + c.costMicros(EventType.CLICK)).isPositive();
        }
        List<Campaign> history = gen.campaignHistory(5);
        assertThat(history).hasSize(gen.campaigns().size() * 6);
        Map<String, Integer> lastVersion = new HashMap<>();
        history.forEach(c -> lastVersion.merge(c.campaignId(), c.version(), Math::max));
        assertThat(lastVersion.values()).containsOnly(6);
        assertThat(AdJson.readCampaign(AdJson.write(history.get(30)))).isEqualTo(history.get(30));
    }

    private static String render(AdRecord r) {
        if (r instanceof AdRecord.Poison p) {
            return r.sequence() + " " + p.kind() + " " + p.event() + " "
                    + (p.bytes() == null ? "" : AdEventGenerator.hex(p.bytes()));
        }
        AdRecord.Event e = (AdRecord.Event) r;
        assertThat(AdJson.readEvent(AdJson.write(e.event()))).isEqualTo(e.event());
        return r.sequence() + " " + r.arrivalTimeMs() + " " + e.arrival() + " " + e.event();
    }
}
