package dev.dataeng.p02.silver;

/**
 * Where every bronze record of one table went. Reconciles when
 * {@code bronze = silver + quarantined + exactDuplicates + superseded}.
 */
public record Accounting(String table, long bronze, long silver, long quarantined, long exactDuplicates,
        long superseded) {

    public boolean reconciles() {
        return bronze == silver + quarantined + exactDuplicates + superseded;
    }

    @Override
    public String toString() {
        return String.format("%s: bronze %d = silver %d + quarantined %d + duplicates %d + superseded %d%s", table,
                bronze, silver, quarantined, exactDuplicates, superseded, reconciles() ? "" : "  (DOES NOT ADD UP)");
    }
}
