package dev.dataeng.p02.pipeline;

/** What {@code run --layer} builds: one layer, or bronze to gold. */
public enum Layer {
    BRONZE, SILVER, GOLD, ALL;

    boolean includes(Layer layer) {
        return this == ALL || this == layer;
    }
}
