package dev.dataeng.common.ads;

/** A campaign's serving status. A paused campaign's events are still recorded, but not billed. */
public enum CampaignStatus {
    ACTIVE, PAUSED
}
