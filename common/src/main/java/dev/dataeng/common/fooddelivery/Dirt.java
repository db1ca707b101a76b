package dev.dataeng.common.fooddelivery;

import java.util.EnumSet;
import java.util.Set;

/**
 * How dirty an export should be: the share of records that get one kind of dirt, and which kinds may be used.
 * Kinds that do not fit a table (no boolean column for {@link DirtKind#BOOLEAN_WORD}) are not used on it.
 */
public record Dirt(double rate, Set<DirtKind> kinds) {

    public static final Dirt NONE = new Dirt(0.0, EnumSet.noneOf(DirtKind.class));

    public Dirt {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("dirt rate must be in [0, 1], was " + rate);
        }
        kinds = kinds.isEmpty() ? EnumSet.noneOf(DirtKind.class) : EnumSet.copyOf(kinds);
    }

    /** Every kind, on {@code rate} of the records. */
    public static Dirt all(double rate) {
        return new Dirt(rate, EnumSet.allOf(DirtKind.class));
    }

    public static Dirt of(double rate, DirtKind first, DirtKind... rest) {
        return new Dirt(rate, EnumSet.of(first, rest));
    }

    public boolean isClean() {
        return rate == 0 || kinds.isEmpty();
    }
}
