package dev.dataeng.common.ads;

/** Records that must never reach the results, and must never be silently dropped either. */
public enum PoisonKind {
    /** Bytes that are no event at all (a truncated or foreign message). */
    UNDECODABLE,
    /** A well-formed event of a campaign that does not exist. */
    UNKNOWN_CAMPAIGN,
    /** A well-formed event whose event time is a year ahead of the stream (a broken device clock). */
    FUTURE_EVENT_TIME
}
