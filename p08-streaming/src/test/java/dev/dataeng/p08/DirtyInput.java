package dev.dataeng.p08;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.AdStreamSummary;
import dev.dataeng.common.ads.PoisonKind;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.p08.model.RateCard;
import java.util.List;

/**
 * The input of the dead-letter items: {@link AdInput}'s shape of stream (out of order up to 5 s) with poison, 3% per
 * impression: undecodable bytes, which every engine must dead-letter, and well-formed events of unknown campaigns,
 * which decode and count as events (spend 0). Events stamped a year ahead (the third kind of poison) are left out:
 * decodable, they would move every engine's event time a year on and make the rest late — p09's lesson.
 */
final class DirtyInput {
    final AdEventGenerator generator;
    final AdStreamSummary summary;
    /** In arrival order, as published (year-ahead events left out). */
    final List<AdRecord> records;
    /** What decodes: the events and the unknown campaigns' events. */
    final List<AdEvent> decodable;
    final long undecodable;
    final RateCard rateCard;

    DirtyInput(long seed) {
        generator = new AdEventGenerator(AdConfig.clean(GradingSeed.of(seed), 2_400).withRate(0.5).withUsers(300)
                .withDirt(0.10, 0.0, 0.0, 0.03));
        summary = generator.summarize();
        records = generator.records()
                .filter(r -> !(r instanceof AdRecord.Poison p && p.kind() == PoisonKind.FUTURE_EVENT_TIME)).toList();
        decodable = records.stream().map(r -> r instanceof AdRecord.Event e ? e.event()
                : ((AdRecord.Poison) r).event()).filter(e -> e != null).toList();
        undecodable = summary.poisonByKind().get(PoisonKind.UNDECODABLE);
        rateCard = RateCard.of(generator.campaigns());
    }

    /** Records published: the generator's, less its year-ahead events. */
    long published() {
        return summary.records() - summary.poisonByKind().get(PoisonKind.FUTURE_EVENT_TIME);
    }
}
