package dev.dataeng.common.grading;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For maintainers, not learners: the probed edition ({@code StudentEdition --probe}) keeps every solution region
 * and starts it with {@code RegionProbe.hit(K)}, K being the region's walkthrough step. The scorecard listener then
 * notes which steps each graded test ran ({@code target/region-hits.txt}), which is what the README table "after
 * step K these items can pass" is made from ({@code .ci/step-table}).
 */
public final class RegionProbe {
    private static final Set<Integer> HITS = ConcurrentHashMap.newKeySet();
    private static volatile boolean used;

    private RegionProbe() {
    }

    public static void hit(int step) {
        used = true;
        HITS.add(step);
    }

    static boolean used() {
        return used;
    }

    /** The steps hit since the last drain. */
    static synchronized Set<Integer> drain() {
        Set<Integer> out = new TreeSet<>(HITS);
        HITS.removeAll(out);
        return out;
    }
}
