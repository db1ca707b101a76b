package dev.dataeng.p01.load;

import dev.dataeng.p01.validate.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The second half of a two-stage pipeline: the thread that reads and validates a file hands rows and quarantined
 * records to {@link #row} and {@link #quarantine}; they are grouped into batches of {@code batchSize} and put on a
 * queue of at most {@link #QUEUE_BATCHES} batches, and ONE inserter thread takes them off and sends them to the
 * database ({@code addBatch} / {@code executeBatch}) on the caller's connection, inside the caller's transaction.
 *
 * <p>Why: reading, parsing and validating is CPU work in our code, inserting is CPU work in the database; on two
 * cores they overlap instead of taking turns. Why bounded: if the database is slower than the reader, the reader
 * waits for room instead of filling the heap with the whole file; at most {@code (QUEUE_BATCHES + 2) × batchSize}
 * rows are in flight. Nothing is committed here: the caller commits (or rolls back) once {@link #finish} returned
 * (or {@link #close} stopped the thread), so a file is still all-or-nothing.
 */
public final class Inserter implements AutoCloseable {

    /** Batches that may wait between the two threads. */
    public static final int QUEUE_BATCHES = 4;

    /** Rows per multi-row {@code INSERT} statement (the rest of a batch goes row by row). */
    public static final int ROWS_PER_STATEMENT = 50;

    /** Parameters one statement may carry: PostgreSQL's protocol allows 32,767. */
    private static final int MAX_PARAMETERS = 30_000;

    private record Quarantined(long recordNo, long lineNo, List<Reason> reasons, String raw) {
    }

    private static final class Batch {
        final List<Object[]> rows = new ArrayList<>();
        final List<Long> recordNos = new ArrayList<>();
        final List<Quarantined> quarantined = new ArrayList<>();
    }

    private static final Batch END = new Batch();

    private final TargetTable target;
    private final long ingestionId;
    private final String dataset;
    private final String fileName;
    private final int batchSize;
    private final int rowsPerStatement;
    private final PreparedStatement insert;
    private final PreparedStatement insertMany;
    private final PreparedStatement quarantine;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean stopped;
    private boolean finished;
    private Batch current = new Batch();

    /** Starts the inserter thread for one file's load. */
    public Inserter(Connection connection, TargetTable target, long ingestionId, String dataset, String fileName,
            int batchSize) throws SQLException {
        this.target = target;
        this.ingestionId = ingestionId;
        this.dataset = dataset;
        this.fileName = fileName;
        this.batchSize = batchSize;
        this.insert = connection.prepareStatement(target.insertSql());
        this.rowsPerStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PARAMETERS / target.parametersPerRow()));
        this.insertMany = connection.prepareStatement(target.insertSql(rowsPerStatement));
        this.quarantine = QuarantineTable.prepare(connection);
        this.thread = new Thread(this::run, "p01-inserter " + fileName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A valid new row (values as the validator typed them); sent with the next full batch. */
    public void row(Object[] values, long recordNo) throws SQLException {
        current.rows.add(values);
        current.recordNos.add(recordNo);
        if (current.rows.size() >= batchSize) {
            send(current);
            current = new Batch();
        }
    }

    /** A quarantined record and every reason; sent with the next full batch. */
    public void quarantine(long recordNo, long lineNo, List<Reason> reasons, String raw) throws SQLException {
        current.quarantined.add(new Quarantined(recordNo, lineNo, reasons, raw));
        if (current.quarantined.size() >= batchSize) {
            send(current);
            current = new Batch();
        }
    }

    /** Sends what is left, waits until the inserter thread has sent everything, and reports its failure if any. */
    public void finish() throws SQLException {
        if (!current.rows.isEmpty() || !current.quarantined.isEmpty()) {
            send(current);
            current = new Batch();
        }
        send(END);
        join();
        finished = true;
        rethrow();
    }

    /** Without {@link #finish}: the load failed; stop the thread (after its current batch) so the caller can roll back. */
    @Override
    public void close() throws SQLException {
        if (!finished) {
            stopped = true;
            queue.clear();
            join();
        }
        insert.close();
        insertMany.close();
        quarantine.close();
    }

    private void send(Batch batch) throws SQLException {
        try {
            while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                rethrow(); // the inserter died: its queue will never drain
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the inserter");
        }
        rethrow();
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws SQLException {
        Throwable t = failure;
        if (t instanceof SQLException s) {
            throw s;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** A batch's rows: {@code rowsPerStatement} per multi-row statement, the rest one by one. */
    private void insertRows(Batch batch) throws SQLException {
        int n = batch.rows.size();
        int whole = n - n % rowsPerStatement;
        int perRow = target.parametersPerRow();
        for (int i = 0; i < whole; i++) {
            target.bind(insertMany, (i % rowsPerStatement) * perRow, batch.rows.get(i), ingestionId,
                    batch.recordNos.get(i));
            if (i % rowsPerStatement == rowsPerStatement - 1) {
                insertMany.addBatch();
            }
        }
        if (whole > 0) {
            insertMany.executeBatch();
        }
        for (int i = whole; i < n; i++) {
            target.bind(insert, batch.rows.get(i), ingestionId, batch.recordNos.get(i));
            insert.addBatch();
        }
        if (whole < n) {
            insert.executeBatch();
        }
    }

    /** The inserter thread: batches off the queue into the database until END, a failure or a stop. */
    private void run() {
        try {
            while (!stopped) {
                Batch batch = queue.poll(50, TimeUnit.MILLISECONDS);
                if (batch == END) {
                    return;
                }
                if (batch == null || stopped) {
                    continue;
                }
                insertRows(batch);
                for (Quarantined q : batch.quarantined) {
                    QuarantineTable.add(quarantine, ingestionId, dataset, fileName, q.recordNo(), q.lineNo(),
                            q.reasons(), q.raw());
                }
                if (!batch.quarantined.isEmpty()) {
                    quarantine.executeBatch();
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }
}
