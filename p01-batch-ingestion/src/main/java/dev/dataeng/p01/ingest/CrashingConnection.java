package dev.dataeng.p01.ingest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection for the crash-and-rerun test (E13), kept outside the learner's code: a {@link Connection} whose
 * statements halt the JVM ({@code Runtime.halt}, no cleanup, like a power cut) right after the statement that
 * sends the database its {@code rowsBeforeCrash}-th row. Rows are counted as {@code addBatch} calls (sent by the
 * next {@code executeBatch}; a multi-row {@code INSERT … VALUES (…), (…)} counts its rows) and single
 * {@code executeUpdate}/{@code execute} calls, so any way of inserting — batched or not — reaches the crash, and the crash always comes in the middle of an open transaction.
 */
final class CrashingConnection {

    static final int EXIT_CODE = 99;

    private CrashingConnection() {
    }

    static Connection wrap(Connection connection, long rowsBeforeCrash) {
        AtomicLong sent = new AtomicLong();
        AtomicLong queued = new AtomicLong();
        return (Connection) Proxy.newProxyInstance(CrashingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    long rowsPerAdd = args != null && args.length > 0 && args[0] instanceof String sql
                            ? rowsPerStatement(sql) : 1;
                    if (result instanceof Statement statement) {
                        Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                                : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                        return Proxy.newProxyInstance(CrashingConnection.class.getClassLoader(),
                                new Class<?>[] {type}, (p, m, a) -> {
                                    Object r = invoke(m, statement, a);
                                    switch (m.getName()) {
                                        case "addBatch" -> queued.addAndGet(rowsPerAdd);
                                        case "executeBatch" -> crashIfDue(sent.addAndGet(queued.getAndSet(0)),
                                                rowsBeforeCrash);
                                        case "executeUpdate", "execute", "executeLargeUpdate" ->
                                                crashIfDue(sent.incrementAndGet(), rowsBeforeCrash);
                                        default -> { }
                                    }
                                    return r;
                                });
                    }
                    return result;
                });
    }

    /** Rows one execution of {@code sql} sends: the row groups after {@code VALUES}, else 1. */
    private static long rowsPerStatement(String sql) {
        int values = sql.toUpperCase(java.util.Locale.ROOT).indexOf(" VALUES ");
        return values < 0 ? 1 : 1 + sql.substring(values).split("\\),\\s*\\(", -1).length - 1;
    }

    private static void crashIfDue(long sent, long rowsBeforeCrash) {
        if (sent >= rowsBeforeCrash) {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
