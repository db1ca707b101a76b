package dev.dataeng.common.ads;

/** What the ad server saw: an ad shown to a user, or a user clicking it. */
public enum EventType {
    IMPRESSION, CLICK
}
