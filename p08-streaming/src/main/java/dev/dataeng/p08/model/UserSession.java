package dev.dataeng.p08.model;

/**
 * Query 3, one row per user engagement session: the user's events (impressions and clicks) with no gap longer than
 * {@code SESSION_GAP} of event time between two consecutive ones. {@code startMs} and {@code endMs} are the first and
 * the last event's times (so the length is {@code endMs - startMs}, 0 for a one-event session); the row is identified
 * by user and start.
 */
public record UserSession(String userId, long startMs, long endMs, long events, long clicks) {

    public long lengthMs() {
        return endMs - startMs;
    }

    /** The result row of a user's session state. */
    public static UserSession of(String userId, SessionCounts s) {
        return new UserSession(userId, s.firstMs(), s.lastMs(), s.events(), s.clicks());
    }

    /** The output key of a session: user and start, so an update of the same session overwrites its row. */
    public String key() {
        return userId + "@" + startMs;
    }
}
