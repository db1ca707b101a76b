package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p08.model.Counts;
import dev.dataeng.p08.model.RateCard;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental aggregate of a window: one {@link Counts} per key and window in state, not the window's events. */
public final class CountsAggregate implements AggregateFunction<AdEvent, Counts, Counts> {
    private static final long serialVersionUID = 1L;
    private final RateCard card;

    public CountsAggregate(RateCard card) {
        this.card = card;
    }

    @Override
    public Counts createAccumulator() {
        return Counts.ZERO;
    }

    @Override
    public Counts add(AdEvent event, Counts acc) {
        return acc.add(event, card);
    }

    @Override
    public Counts getResult(Counts acc) {
        return acc;
    }

    @Override
    public Counts merge(Counts a, Counts b) {
        return a.merge(b);
    }
}
