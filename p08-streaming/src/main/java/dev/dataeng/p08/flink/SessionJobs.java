package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p08.model.SessionCounts;
import dev.dataeng.p08.model.StreamRules;
import dev.dataeng.p08.model.UserSession;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * Query 3 in Flink: each user's engagement sessions, in the DataStream API (event-time session windows, merged as
 * events bridge them, fired once when the watermark passes the session's end + gap) and in SQL (the {@code SESSION}
 * window table-valued function, partitioned by user). Output keyed by {@code user@start}.
 */
public final class SessionJobs {
    private SessionJobs() {
    }

    /** DataStream: keyBy user, {@code EventTimeSessionWindows}, an incremental aggregate. */
    public static void defineSessions(StreamExecutionEnvironment env, FlinkSettings s) {
        userSessions(FlinkIo.events(env, s, FlinkJobs.watermarks()))
                .sinkTo(FlinkIo.sink(s, UserSession::key)).name("user-sessions-to-kafka");
    }

    /** SQL: the {@code SESSION} window TVF over the same {@code events} view as the other SQL jobs. */
    public static void defineSessionsSql(StreamExecutionEnvironment env, FlinkSettings s) {
        StreamTableEnvironment tEnv = FlinkSqlJobs.tables(env, s);
        tEnv.toDataStream(tEnv.sqlQuery(userSessionsSql()))
                .map(SessionJobs::session)
                .returns(UserSession.class)
                .sinkTo(FlinkIo.sink(s, UserSession::key)).name("user-sessions-to-kafka");
    }

    static DataStream<UserSession> userSessions(DataStream<AdEvent> events) {
        // BEGIN SOLUTION step 10: keyBy user, EventTimeSessionWindows.withGap(SESSION_GAP), SessionAggregate + a window function that adds the user
        return events.keyBy(AdEvent::userId)
                .window(EventTimeSessionWindows.withGap(StreamRules.SESSION_GAP))
                .aggregate(new SessionAggregate(),
                        new ProcessWindowFunction<SessionCounts, UserSession, String, TimeWindow>() {
                            @Override
                            public void process(String user, Context ctx, Iterable<SessionCounts> sessions,
                                    Collector<UserSession> out) {
                                out.collect(UserSession.of(user, sessions.iterator().next()));
                            }
                        })
                .name("user-sessions");
        // END SOLUTION
    }

    /** Query 3 in SQL: columns user_id, first_ms, last_ms, events, clicks (one row per session). */
    static String userSessionsSql() {
        // BEGIN SOLUTION step 10: SESSION(TABLE events PARTITION BY user_id, DESCRIPTOR(rowtime), INTERVAL '30' MINUTE); group by user_id, window_start, window_end; first and last event_time
        return """
                SELECT user_id, MIN(event_time) AS first_ms, MAX(event_time) AS last_ms,
                       COUNT(*) AS events,
                       COUNT(*) FILTER (WHERE type = 'CLICK') AS clicks
                FROM TABLE(SESSION(TABLE events PARTITION BY user_id, DESCRIPTOR(rowtime), INTERVAL '30' MINUTE))
                GROUP BY user_id, window_start, window_end
                """;
        // END SOLUTION
    }

    private static UserSession session(Row r) {
        return new UserSession(r.getFieldAs("user_id"), r.<Long>getFieldAs("first_ms"), r.<Long>getFieldAs("last_ms"),
                r.<Long>getFieldAs("events"), r.<Long>getFieldAs("clicks"));
    }

    /** One {@link SessionCounts} per user and session in state; {@link #merge} when an event bridges two sessions. */
    static final class SessionAggregate implements AggregateFunction<AdEvent, SessionCounts, SessionCounts> {
        private static final long serialVersionUID = 1L;

        @Override
        public SessionCounts createAccumulator() {
            return SessionCounts.EMPTY;
        }

        @Override
        public SessionCounts add(AdEvent event, SessionCounts acc) {
            return acc.add(event);
        }

        @Override
        public SessionCounts getResult(SessionCounts acc) {
            return acc;
        }

        @Override
        public SessionCounts merge(SessionCounts a, SessionCounts b) {
            return a.merge(b);
        }
    }
}
