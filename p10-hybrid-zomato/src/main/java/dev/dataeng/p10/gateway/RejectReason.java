package dev.dataeng.p10.gateway;

/** Why the gateway refused one event of a batch (the {@code reason} label of the rejected-events metric). */
public enum RejectReason {
    /** Not a JSON object, a field missing, or a field of the wrong type. */
    NOT_AN_EVENT,
    /** The campaign is not in the catalogue. */
    UNKNOWN_CAMPAIGN,
    /** The event time is further ahead of the gateway's clock than the allowed skew (a broken device clock). */
    FUTURE_EVENT_TIME;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
