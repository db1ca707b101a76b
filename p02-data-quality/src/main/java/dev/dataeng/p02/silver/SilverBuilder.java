package dev.dataeng.p02.silver;

import dev.dataeng.p02.checks.Check;
import dev.dataeng.p02.checks.CheckSql;
import dev.dataeng.p02.checks.CheckSuite;
import dev.dataeng.p02.checks.CheckType;
import dev.dataeng.p02.pipeline.PipelineException;
import dev.dataeng.p02.pipeline.SqlNames;
import dev.dataeng.p02.pipeline.Warehouse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;

/**
 * Bronze to silver, one table at a time, parents first:
 * <ol>
 * <li>schema enforcement: each bronze record is conformed ({@link ValueConformer}) into {@code stage.<t>_typed}, or
 * quarantined with the rule it broke; an empty value follows its column's {@link NullRule}, and each declared default
 * applied is recorded in {@code dq.defaulted} (kept only for the records that reach silver);</li>
 * <li>deduplication by business key ({@link Deduplicator});</li>
 * <li>quarantining checks from the checks file (referential integrity, consistency) on the deduplicated rows;</li>
 * <li>write the candidate: {@code audit.<t>} is replaced by what is left, with its primary key.</li>
 * </ol>
 * Nobody reads {@code audit}: the pipeline checks the candidates there and only then {@link #publish}es them to
 * {@code silver} (write-audit-publish). Every run rebuilds the candidates and the quarantine from bronze, so a
 * re-run on the same bronze changes nothing.
 */
public final class SilverBuilder {
    private static final List<String> LINEAGE = List.of("_source_file", "_record_no", "_key", "_row_hash", "_raw");
    private static final int BATCH = 1_000;
    /** The schema silver is written to and audited in before it is published. */
    public static final String AUDIT = "audit";

    private final Warehouse warehouse;
    private final Consumer<String> progress;

    public SilverBuilder(Warehouse warehouse, Consumer<String> progress) {
        this.warehouse = warehouse;
        this.progress = progress;
    }

    public List<Accounting> build(Connection c, CheckSuite suite, long runId) throws SQLException {
        for (TableContract table : Contracts.ALL) {
            if (!Warehouse.tableExists(c, "bronze", table.name())) {
                throw new PipelineException("bronze." + table.name() + " does not exist: run `run --layer bronze` "
                        + "(or `all`) first");
            }
        }
        Warehouse.exec(c, "DELETE FROM dq.quarantine");
        Warehouse.exec(c, "DELETE FROM dq.duplicates");
        Warehouse.exec(c, "DELETE FROM dq.defaulted");
        List<Accounting> accounting = new ArrayList<>();
        for (TableContract table : Contracts.ALL) {
            long started = System.nanoTime();
            conform(c, table);
            List<String> stageColumns = Stream.concat(LINEAGE.stream(), table.columnNames().stream()).toList();
            for (String sql : Deduplicator.statements(table, stageColumns, SqlNames.of(c))) {
                Warehouse.exec(c, sql);
            }
            for (Check check : suite.quarantining("silver", table.name())) {
                quarantine(c, table, check.relocated("silver", AUDIT));
            }
            Warehouse.exec(c, "DELETE FROM stage." + table.name() + " s WHERE EXISTS (SELECT 1 FROM dq.quarantine q "
                    + "WHERE q.table_name = '" + table.name() + "' AND q.source_file = s._source_file "
                    + "AND q.record_no = s._record_no)");
            write(c, table);
            // a defaulted record that was then quarantined or superseded is not in silver: neither is its default
            Warehouse.exec(c, "DELETE FROM dq.defaulted d WHERE d.table_name = '" + table.name() + "' AND NOT EXISTS "
                    + "(SELECT 1 FROM " + AUDIT + "." + table.name() + " a WHERE a._source_file = d.source_file "
                    + "AND a._record_no = d.record_no)");
            Accounting a = account(c, table);
            Warehouse.update(c, "DELETE FROM dq.accounting WHERE run_id = ? AND table_name = ?", runId,
                    table.name());
            Warehouse.update(c, "INSERT INTO dq.accounting (run_id, table_name, bronze_rows, silver_rows, "
                    + "quarantined, exact_duplicates, superseded) VALUES (?, ?, ?, ?, ?, ?, ?)", runId, a.table(),
                    a.bronze(), a.silver(), a.quarantined(), a.exactDuplicates(), a.superseded());
            if (!a.reconciles()) {
                throw new PipelineException("accounting does not reconcile: " + a);
            }
            accounting.add(a);
            progress.accept(String.format("silver.%-12s %s  %5.2f s", table.name(), a, (System.nanoTime() - started)
                    / 1e9));
        }
        return accounting;
    }

    /** Step 1: every bronze record becomes a typed stage row or a quarantine row. */
    private void conform(Connection c, TableContract table) throws SQLException {
        String t = table.name();
        Warehouse.exec(c, "DROP TABLE IF EXISTS stage." + t + "_typed");
        Warehouse.exec(c, "DROP TABLE IF EXISTS stage." + t);
        StringBuilder ddl = new StringBuilder("CREATE TABLE stage." + t + "_typed (_source_file VARCHAR(500), "
                + "_record_no BIGINT, _key VARCHAR(200), _row_hash VARCHAR(64), _raw VARCHAR(8000)");
        SqlNames names = SqlNames.of(c);
        table.columns().forEach(col -> ddl.append(", ").append(names.quote(col.name())).append(' ')
                .append(col.type().sql()));
        Warehouse.exec(c, ddl.append(')').toString());
        List<String> columns = table.columnNames();
        String insertTyped = "INSERT INTO stage." + t + "_typed (" + String.join(", ", LINEAGE) + ", "
                + names.list(columns) + ") VALUES (?, ?, ?, ?, ?" + ", ?".repeat(columns.size()) + ")";
        String insertRejected = "INSERT INTO dq.quarantine (table_name, source_file, record_no, business_key, reason, "
                + "rule, column_name, detail, raw_record) VALUES (?, ?, ?, ?, ?, 'contract', ?, ?, ?)";
        String insertDefaulted = "INSERT INTO dq.defaulted (table_name, source_file, record_no, business_key, "
                + "column_name, rule) VALUES (?, ?, ?, ?, ?, ?)";
        Warehouse.inTransaction(c, () -> {
            try (Connection reader = warehouse.connect();
                    Statement read = reader.createStatement();
                    PreparedStatement typed = c.prepareStatement(insertTyped);
                    PreparedStatement rejected = c.prepareStatement(insertRejected);
                    PreparedStatement defaulted = c.prepareStatement(insertDefaulted)) {
                read.setFetchSize(BATCH);
                int pendingTyped = 0;
                int pendingRejected = 0;
                try (ResultSet rs = read.executeQuery("SELECT _source_file, _record_no, " + names.list(columns)
                        + " FROM bronze." + t + " ORDER BY _source_file, _record_no")) {
                    while (rs.next()) {
                        String source = rs.getString(1);
                        long recordNo = rs.getLong(2);
                        List<String> raw = new ArrayList<>(columns.size());
                        for (int i = 0; i < columns.size(); i++) {
                            raw.add(rs.getString(i + 3));
                        }
                        String rawRecord = CSVFormat.DEFAULT.format(raw.toArray());
                        Object[] values = new Object[columns.size()];
                        RuleViolation violation = null;
                        for (int i = 0; i < columns.size() && violation == null; i++) {
                            try {
                                values[i] = ValueConformer.conform(table.columns().get(i), raw.get(i));
                            } catch (RuleViolation v) {
                                violation = v;
                            }
                        }
                        if (violation != null) {
                            bind(rejected, t, source, recordNo, rawKey(table, raw), violation.reason().code(),
                                    violation.column(), violation.getMessage(), rawRecord);
                            rejected.addBatch();
                            pendingRejected++;
                        } else {
                            typed.setString(1, source);
                            typed.setLong(2, recordNo);
                            typed.setString(3, key(table, values));
                            typed.setString(4, hash(values));
                            typed.setString(5, rawRecord);
                            for (int i = 0; i < values.length; i++) {
                                typed.setObject(i + 6, values[i]);
                            }
                            typed.addBatch();
                            pendingTyped++;
                            for (ColumnContract col : ValueConformer.defaulted(table, raw)) {
                                bind(defaulted, t, source, recordNo, key(table, values), col.name(),
                                        col.onNull().toString());
                                defaulted.addBatch();
                            }
                        }
                        if (pendingTyped >= BATCH) {
                            typed.executeBatch();
                            defaulted.executeBatch();
                            pendingTyped = 0;
                        }
                        if (pendingRejected >= BATCH) {
                            rejected.executeBatch();
                            pendingRejected = 0;
                        }
                    }
                }
                typed.executeBatch();
                rejected.executeBatch();
                defaulted.executeBatch();
            }
        });
    }

    /** Step 3: rows of {@code stage.<t>} failing a quarantining check go to {@code dq.quarantine}. */
    private static void quarantine(Connection c, TableContract table, Check check) throws SQLException {
        String stage = "stage." + table.name();
        SqlNames names = SqlNames.of(c);
        String reason = "'" + Reason.FAILED_CHECK.code() + "'";
        String detail = CheckSql.literal(check.description() != null ? check.description()
                : "fails " + check.type().name().toLowerCase() + " check " + check.name());
        if (check.type() == CheckType.RELATIONSHIPS) {
            String parent = check.toTable().substring(check.toTable().indexOf('.') + 1);
            reason = "CASE WHEN EXISTS (SELECT 1 FROM dq.quarantine pq WHERE pq.table_name = '" + parent
                    + "' AND pq.business_key = CAST(t." + names.quote(check.column()) + " AS VARCHAR(200))) THEN '"
                    + Reason.PARENT_QUARANTINED.code() + "' ELSE '" + Reason.ORPHAN_KEY.code() + "' END";
            detail = "CONCAT('" + check.column() + " ', CAST(t." + names.quote(check.column())
                    + " AS VARCHAR(200)), ' not in "
                    + check.toTable() + "')";
        }
        String column = check.column() == null ? "NULL" : "'" + check.column() + "'";
        Warehouse.exec(c, "INSERT INTO dq.quarantine (table_name, source_file, record_no, business_key, reason, rule, "
                + "column_name, detail, raw_record) SELECT '" + table.name() + "', t._source_file, t._record_no, "
                + "t._key, " + reason + ", '" + check.name() + "', " + column + ", " + detail + ", t._raw FROM "
                + stage + " t WHERE " + CheckSql.failingRowCondition(check, stage, names));
    }

    /** Step 4: replace the candidate {@code audit.<t>} with the surviving rows. */
    private static void write(Connection c, TableContract table) throws SQLException {
        String t = table.name();
        copy(c, table, "stage." + t, AUDIT + "." + t);
        Warehouse.exec(c, "DROP TABLE stage." + t + "_typed");
        Warehouse.exec(c, "DROP TABLE stage." + t);
    }

    /**
     * Publish, after the audit passed: every {@code silver.<t>} is replaced by its candidate {@code audit.<t>}, in
     * one transaction (atomic on PostgreSQL, whose DDL is transactional; on H2 each DDL statement commits, so a
     * crash half-way can leave some tables published: re-run the job).
     */
    public static void publish(Connection c) throws SQLException {
        Warehouse.inTransaction(c, () -> {
            for (TableContract table : Contracts.ALL) {
                copy(c, table, AUDIT + "." + table.name(), "silver." + table.name());
            }
            for (TableContract table : Contracts.ALL) {
                Warehouse.exec(c, "DROP TABLE " + AUDIT + "." + table.name());
            }
        });
    }

    /** Replaces {@code target} with a table of the contract's types and primary key holding the rows of source. */
    private static void copy(Connection c, TableContract table, String source, String target) throws SQLException {
        Warehouse.exec(c, "DROP TABLE IF EXISTS " + target);
        SqlNames names = SqlNames.of(c);
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + target + " (");
        for (ColumnContract col : table.columns()) {
            ddl.append(names.quote(col.name())).append(' ').append(col.type().sql()).append(col.required() ? " NOT NULL" : "")
                    .append(", ");
        }
        ddl.append("_source_file VARCHAR(500) NOT NULL, _record_no BIGINT NOT NULL, PRIMARY KEY (")
                .append(names.list(table.key())).append("))");
        Warehouse.exec(c, ddl.toString());
        String cols = names.list(table.columnNames()) + ", _source_file, _record_no";
        Warehouse.exec(c, "INSERT INTO " + target + " (" + cols + ") SELECT " + cols + " FROM " + source
                + " ORDER BY " + names.list(table.key()));
    }

    private static Accounting account(Connection c, TableContract table) throws SQLException {
        String t = table.name();
        return new Accounting(t,
                Warehouse.scalar(c, "SELECT COUNT(*) FROM bronze." + t),
                Warehouse.scalar(c, "SELECT COUNT(*) FROM " + AUDIT + "." + t),
                Warehouse.scalar(c, "SELECT COUNT(*) FROM (SELECT DISTINCT source_file, record_no FROM dq.quarantine "
                        + "WHERE table_name = ?) q", t),
                Warehouse.scalar(c, "SELECT COUNT(*) FROM dq.duplicates WHERE table_name = ? AND kind = "
                        + "'exact_duplicate'", t),
                Warehouse.scalar(c, "SELECT COUNT(*) FROM dq.duplicates WHERE table_name = ? AND kind = 'superseded'",
                        t));
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }

    private static String key(TableContract table, Object[] values) {
        List<String> parts = new ArrayList<>();
        for (String k : table.key()) {
            parts.add(String.valueOf(values[table.columnNames().indexOf(k)]));
        }
        return String.join("|", parts);
    }

    private static String rawKey(TableContract table, List<String> raw) {
        List<String> parts = new ArrayList<>();
        for (String k : table.key()) {
            String v = raw.get(table.columnNames().indexOf(k));
            parts.add(v == null ? "" : v.strip());
        }
        return String.join("|", parts);
    }

    private static String hash(Object[] values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object v : values) {
                sha.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
