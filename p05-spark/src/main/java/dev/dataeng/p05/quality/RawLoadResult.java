package dev.dataeng.p05.quality;

/**
 * The accounting of one raw load: {@code in = loaded + rejected}. In QUARANTINE mode the rejected records are in the
 * quarantine output; in DROP mode they are only counted.
 */
public record RawLoadResult(LoadMode mode, long in, long loaded, long rejected) {

    public boolean reconciles() {
        return in == loaded + rejected;
    }
}
