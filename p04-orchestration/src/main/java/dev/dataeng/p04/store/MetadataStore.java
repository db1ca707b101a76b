package dev.dataeng.p04.store;

import dev.dataeng.p04.schedule.DataInterval;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orchestrator's memory, Airflow's metadata database: {@code dag_run}, {@code task_instance},
 * {@code task_try}, {@code xcom} and {@code task_log} in any JDBC database (an H2 file by default). Everything the
 * scheduler knows about past and current runs is here, so a new scheduler process can pick up where a dead one
 * stopped.
 */
public final class MetadataStore implements AutoCloseable {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final String url;
    private final Connection connection;

    public MetadataStore(String jdbcUrl) {
        this.url = jdbcUrl;
        try {
            this.connection = DriverManager.getConnection(jdbcUrl, "sa", "");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open metadata database " + jdbcUrl + ": " + e.getMessage(), e);
        }
        createSchema();
    }

    public String url() {
        return url;
    }

    private void createSchema() {
        exec("""
                CREATE TABLE IF NOT EXISTS dag_run (
                  dag_id VARCHAR(250) NOT NULL, run_id VARCHAR(250) NOT NULL, run_type VARCHAR(20) NOT NULL,
                  logical_date TIMESTAMP WITH TIME ZONE NOT NULL,
                  data_interval_start TIMESTAMP WITH TIME ZONE NOT NULL,
                  data_interval_end TIMESTAMP WITH TIME ZONE NOT NULL,
                  state VARCHAR(20) NOT NULL, start_date TIMESTAMP WITH TIME ZONE, end_date TIMESTAMP WITH TIME ZONE,
                  PRIMARY KEY (dag_id, run_id), CONSTRAINT dag_run_logical_date UNIQUE (dag_id, logical_date))""");
        exec("""
                CREATE TABLE IF NOT EXISTS task_instance (
                  dag_id VARCHAR(250) NOT NULL, run_id VARCHAR(250) NOT NULL, task_id VARCHAR(250) NOT NULL,
                  state VARCHAR(20) NOT NULL, try_number INT NOT NULL, max_tries INT NOT NULL,
                  start_date TIMESTAMP WITH TIME ZONE, end_date TIMESTAMP WITH TIME ZONE,
                  next_retry_at TIMESTAMP WITH TIME ZONE,
                  PRIMARY KEY (dag_id, run_id, task_id))""");
        exec("""
                CREATE TABLE IF NOT EXISTS task_try (
                  dag_id VARCHAR(250) NOT NULL, run_id VARCHAR(250) NOT NULL, task_id VARCHAR(250) NOT NULL,
                  try_number INT NOT NULL, state VARCHAR(20) NOT NULL,
                  start_date TIMESTAMP WITH TIME ZONE NOT NULL, end_date TIMESTAMP WITH TIME ZONE,
                  error VARCHAR(2000),
                  PRIMARY KEY (dag_id, run_id, task_id, try_number))""");
        exec("""
                CREATE TABLE IF NOT EXISTS xcom (
                  dag_id VARCHAR(250) NOT NULL, run_id VARCHAR(250) NOT NULL, task_id VARCHAR(250) NOT NULL,
                  xcom_key VARCHAR(250) NOT NULL, xcom_value VARCHAR(4000),
                  PRIMARY KEY (dag_id, run_id, task_id, xcom_key))""");
        exec("""
                CREATE TABLE IF NOT EXISTS task_log (
                  id BIGINT AUTO_INCREMENT PRIMARY KEY, dag_id VARCHAR(250) NOT NULL, run_id VARCHAR(250) NOT NULL,
                  task_id VARCHAR(250) NOT NULL, try_number INT NOT NULL, ts TIMESTAMP WITH TIME ZONE NOT NULL,
                  message VARCHAR(4000))""");
    }

    // ------------------------------------------------------------------ dag runs

    public static String runId(RunType type, Instant logicalDate) {
        return type.prefix() + "__" + RUN_ID_TIME.format(logicalDate.atOffset(ZoneOffset.UTC));
    }

    public synchronized Optional<DagRun> findRun(String dagId, Instant logicalDate) {
        List<DagRun> runs = queryRuns("SELECT * FROM dag_run WHERE dag_id = ? AND logical_date = ?", dagId,
                ts(logicalDate));
        return runs.stream().findFirst();
    }

    /** A new QUEUED run for {@code interval}, or the existing run for the same logical date (one run per date). */
    public synchronized DagRun createRunIfAbsent(String dagId, RunType type, DataInterval interval) {
        Optional<DagRun> existing = findRun(dagId, interval.start());
        if (existing.isPresent()) {
            return existing.get();
        }
        update("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, data_interval_start, "
                        + "data_interval_end, state) VALUES (?, ?, ?, ?, ?, ?, ?)",
                dagId, runId(type, interval.start()), type.name(), ts(interval.start()), ts(interval.start()),
                ts(interval.end()), DagRunState.QUEUED.name());
        return findRun(dagId, interval.start()).orElseThrow();
    }

    public synchronized List<DagRun> runs(String dagId) {
        return queryRuns("SELECT * FROM dag_run WHERE dag_id = ? ORDER BY logical_date", dagId);
    }

    /** QUEUED and RUNNING runs, oldest logical date first. */
    public synchronized List<DagRun> unfinishedRuns(String dagId) {
        return queryRuns("SELECT * FROM dag_run WHERE dag_id = ? AND state IN ('QUEUED', 'RUNNING') "
                + "ORDER BY logical_date", dagId);
    }

    public synchronized DagRun run(String dagId, String runId) {
        return queryRuns("SELECT * FROM dag_run WHERE dag_id = ? AND run_id = ?", dagId, runId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run " + runId + " of DAG " + dagId));
    }

    public synchronized void markRunRunning(String dagId, String runId, Instant now) {
        update("UPDATE dag_run SET state = 'RUNNING', start_date = COALESCE(start_date, ?), end_date = NULL "
                + "WHERE dag_id = ? AND run_id = ?", ts(now), dagId, runId);
    }

    public synchronized void finishRun(String dagId, String runId, DagRunState state, Instant now) {
        update("UPDATE dag_run SET state = ?, end_date = ? WHERE dag_id = ? AND run_id = ?", state.name(), ts(now),
                dagId, runId);
    }

    // ------------------------------------------------------------------ task instances

    /** One NONE row per task that has none yet (a task added to the DAG later gets its row too). */
    public synchronized void ensureTaskInstances(String dagId, String runId, Map<String, Integer> retriesByTask) {
        for (Map.Entry<String, Integer> e : retriesByTask.entrySet()) {
            update("MERGE INTO task_instance t USING (VALUES (?, ?, ?)) AS s(dag_id, run_id, task_id) "
                            + "ON t.dag_id = s.dag_id AND t.run_id = s.run_id AND t.task_id = s.task_id "
                            + "WHEN NOT MATCHED THEN INSERT (dag_id, run_id, task_id, state, try_number, max_tries) "
                            + "VALUES (s.dag_id, s.run_id, s.task_id, 'NONE', 0, ?)",
                    dagId, runId, e.getKey(), e.getValue());
        }
    }

    public synchronized Map<String, TaskInstance> taskInstances(String dagId, String runId) {
        Map<String, TaskInstance> out = new LinkedHashMap<>();
        for (TaskInstance ti : queryTis("SELECT * FROM task_instance WHERE dag_id = ? AND run_id = ?", dagId,
                runId)) {
            out.put(ti.taskId(), ti);
        }
        return out;
    }

    public synchronized TaskInstance taskInstance(String dagId, String runId, String taskId) {
        return queryTis("SELECT * FROM task_instance WHERE dag_id = ? AND run_id = ? AND task_id = ?", dagId, runId,
                taskId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task instance " + dagId + "." + taskId + " in "
                        + runId));
    }

    /** Task instances left RUNNING, e.g. by a scheduler that died: Airflow calls them zombies. */
    public synchronized List<TaskInstance> runningTaskInstances(String dagId) {
        return queryTis("SELECT * FROM task_instance WHERE dag_id = ? AND state = 'RUNNING'", dagId);
    }

    /** Starts the next try: try_number + 1, RUNNING, a task_try row, and the task's old XComs removed. */
    public synchronized TaskInstance startTry(String dagId, String runId, String taskId, Instant now) {
        update("UPDATE task_instance SET state = 'RUNNING', try_number = try_number + 1, start_date = ?, "
                + "end_date = NULL, next_retry_at = NULL WHERE dag_id = ? AND run_id = ? AND task_id = ?",
                ts(now), dagId, runId, taskId);
        TaskInstance ti = taskInstance(dagId, runId, taskId);
        update("INSERT INTO task_try (dag_id, run_id, task_id, try_number, state, start_date) "
                + "VALUES (?, ?, ?, ?, 'RUNNING', ?)", dagId, runId, taskId, ti.tryNumber(), ts(now));
        update("DELETE FROM xcom WHERE dag_id = ? AND run_id = ? AND task_id = ?", dagId, runId, taskId);
        return ti;
    }

    /** Ends try {@code tryNumber} in {@code state}; {@code nextRetryAt} only for UP_FOR_RETRY. */
    public synchronized void finishTry(String dagId, String runId, String taskId, int tryNumber, TaskState state,
            Instant now, Instant nextRetryAt, String error) {
        update("UPDATE task_instance SET state = ?, end_date = ?, next_retry_at = ? "
                        + "WHERE dag_id = ? AND run_id = ? AND task_id = ? AND try_number = ?",
                state.name(), ts(now), ts(nextRetryAt), dagId, runId, taskId, tryNumber);
        update("UPDATE task_try SET state = ?, end_date = ?, error = ? "
                        + "WHERE dag_id = ? AND run_id = ? AND task_id = ? AND try_number = ?",
                state == TaskState.UP_FOR_RETRY ? TaskState.FAILED.name() : state.name(), ts(now),
                error == null ? null : truncate(error), dagId, runId, taskId, tryNumber);
    }

    public synchronized void setState(String dagId, String runId, String taskId, TaskState state) {
        update("UPDATE task_instance SET state = ? WHERE dag_id = ? AND run_id = ? AND task_id = ?", state.name(),
                dagId, runId, taskId);
    }

    /**
     * Airflow's {@code clear}: the tasks go back to NONE so the scheduler runs them again, each gets its retries
     * again ({@code max_tries = try_number + retries}; try numbers keep counting), and the run is QUEUED again.
     */
    public synchronized void clear(String dagId, String runId, Map<String, Integer> retriesByTask) {
        for (Map.Entry<String, Integer> e : retriesByTask.entrySet()) {
            update("UPDATE task_instance SET state = 'NONE', max_tries = try_number + ?, next_retry_at = NULL, "
                            + "end_date = NULL WHERE dag_id = ? AND run_id = ? AND task_id = ?",
                    e.getValue(), dagId, runId, e.getKey());
        }
        update("UPDATE dag_run SET state = 'QUEUED', end_date = NULL WHERE dag_id = ? AND run_id = ?", dagId, runId);
    }

    public synchronized List<TaskTry> tries(String dagId, String runId, String taskId) {
        List<TaskTry> out = new ArrayList<>();
        query("SELECT * FROM task_try WHERE dag_id = ? AND run_id = ? AND task_id = ? ORDER BY try_number", rs -> {
            while (rs.next()) {
                out.add(new TaskTry(rs.getString("task_id"), rs.getInt("try_number"),
                        TaskState.valueOf(rs.getString("state")), instant(rs, "start_date"),
                        instant(rs, "end_date"), rs.getString("error")));
            }
        }, dagId, runId, taskId);
        return out;
    }

    // ------------------------------------------------------------------ xcom and logs

    public synchronized void xcomPush(String dagId, String runId, String taskId, String key, String value) {
        update("MERGE INTO xcom (dag_id, run_id, task_id, xcom_key, xcom_value) KEY (dag_id, run_id, task_id, "
                + "xcom_key) VALUES (?, ?, ?, ?, ?)", dagId, runId, taskId, key, value);
    }

    public synchronized Optional<String> xcomPull(String dagId, String runId, String taskId, String key) {
        List<String> values = new ArrayList<>();
        query("SELECT xcom_value FROM xcom WHERE dag_id = ? AND run_id = ? AND task_id = ? AND xcom_key = ?", rs -> {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }, dagId, runId, taskId, key);
        return values.stream().findFirst();
    }

    public synchronized void log(String dagId, String runId, String taskId, int tryNumber, Instant at,
            String message) {
        update("INSERT INTO task_log (dag_id, run_id, task_id, try_number, ts, message) VALUES (?, ?, ?, ?, ?, ?)",
                dagId, runId, taskId, tryNumber, ts(at), truncate(message));
    }

    /** Log lines of a run, as {@code task_id[try] message}. */
    public synchronized List<String> logs(String dagId, String runId) {
        List<String> out = new ArrayList<>();
        query("SELECT task_id, try_number, message FROM task_log WHERE dag_id = ? AND run_id = ? ORDER BY id", rs -> {
            while (rs.next()) {
                out.add(rs.getString(1) + "[" + rs.getInt(2) + "] " + rs.getString(3));
            }
        }, dagId, runId);
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to do
        }
    }

    // ------------------------------------------------------------------ JDBC plumbing

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private List<DagRun> queryRuns(String sql, Object... args) {
        List<DagRun> out = new ArrayList<>();
        query(sql, rs -> {
            while (rs.next()) {
                out.add(new DagRun(rs.getString("dag_id"), rs.getString("run_id"),
                        RunType.valueOf(rs.getString("run_type")),
                        new DataInterval(instant(rs, "data_interval_start"), instant(rs, "data_interval_end")),
                        DagRunState.valueOf(rs.getString("state")), instant(rs, "start_date"),
                        instant(rs, "end_date")));
            }
        }, args);
        return out;
    }

    private List<TaskInstance> queryTis(String sql, Object... args) {
        List<TaskInstance> out = new ArrayList<>();
        query(sql, rs -> {
            while (rs.next()) {
                out.add(new TaskInstance(rs.getString("dag_id"), rs.getString("run_id"), rs.getString("task_id"),
                        TaskState.valueOf(rs.getString("state")), rs.getInt("try_number"), rs.getInt("max_tries"),
                        instant(rs, "start_date"), instant(rs, "end_date"), instant(rs, "next_retry_at")));
            }
        }, args);
        return out;
    }

    private void query(String sql, RowReader reader, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metadata query failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("metadata update failed: " + e.getMessage(), e);
        }
    }

    private void exec(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create metadata tables in " + url + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s.length() <= 1990 ? s : s.substring(0, 1990) + "…";
    }

    /** Names of the tables, for a learner who opens the DB with a SQL client. */
    public static Collection<String> tables() {
        return List.of("dag_run", "task_instance", "task_try", "xcom", "task_log");
    }
}
