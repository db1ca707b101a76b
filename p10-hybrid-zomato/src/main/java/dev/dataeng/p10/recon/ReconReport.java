package dev.dataeng.p10.recon;

import java.util.List;

/**
 * What a recon run did.
 *
 * @param campaignHours campaign-hours compared (lake's exact figure against billing's)
 * @param corrections   the corrections published (empty when billing already held the exact figures)
 * @param lakeRecords   records read from the lake; {@code duplicates} of them were second copies of an event id
 */
public record ReconReport(long version, long lakeRecords, long duplicates, int campaignHours,
        List<Correction> corrections) {

    /** Corrections that changed a figure (the others confirmed the real-time figure of an hour). */
    public List<Correction> changes() {
        return corrections.stream().filter(c -> c.deltaMicros() != 0).toList();
    }

    public long absoluteDeltaMicros() {
        return corrections.stream().mapToLong(c -> Math.abs(c.deltaMicros())).sum();
    }
}
