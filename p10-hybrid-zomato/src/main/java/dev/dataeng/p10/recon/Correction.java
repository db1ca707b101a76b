package dev.dataeng.p10.recon;

/**
 * One record of {@code spend-corrections}: the exact spend of a campaign in an hour, the delta it brings against
 * what billing held, and the recon run (version) that computed it. Billing keeps the highest version per
 * campaign-hour, so applying it twice is applying it once.
 */
public record Correction(String campaignId, long hourStart, long exactSpendMicros, long deltaMicros,
        long reconVersion) {
}
