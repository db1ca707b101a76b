package dev.dataeng.p01.load;

import dev.dataeng.p01.validate.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ingest_quarantine}: every rejected record of every dataset, with its file, record and line number, the
 * record as it was written and every reason it failed ({@code CODE column: detail}, separated by {@code " | "}).
 */
public final class QuarantineTable {

    public static final String NAME = "ingest_quarantine";

    /** Longest raw record kept (a record with a 20 MB string is kept as its first 100,000 characters). */
    static final int MAX_RAW = 100_000;

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + NAME + " ("
            + "ingestion_id BIGINT NOT NULL, dataset VARCHAR(200) NOT NULL, file_name VARCHAR(1000) NOT NULL, "
            + "record_no BIGINT NOT NULL, line_no BIGINT NOT NULL, reasons VARCHAR NOT NULL, raw_record VARCHAR)";
    private static final String INSERT = "INSERT INTO " + NAME
            + " (ingestion_id, dataset, file_name, record_no, line_no, reasons, raw_record) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private QuarantineTable() {
    }

    public static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
        }
    }

    public static PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(INSERT);
    }

    public static String reasons(List<Reason> reasons) {
        return reasons.stream().map(Reason::toString).collect(Collectors.joining(" | "));
    }

    public static void add(PreparedStatement insert, long ingestionId, String dataset, String fileName, long recordNo,
            long lineNo, List<Reason> reasons, String raw) throws SQLException {
        insert.setLong(1, ingestionId);
        insert.setString(2, dataset);
        insert.setString(3, fileName);
        insert.setLong(4, recordNo);
        insert.setLong(5, lineNo);
        insert.setString(6, reasons(reasons));
        insert.setString(7, raw == null || raw.length() <= MAX_RAW ? raw : raw.substring(0, MAX_RAW)
                + String.format(Locale.ROOT, "… (cut: %,d characters in all)", raw.length()));
        insert.addBatch();
    }

    public static int deleteIngestion(Connection c, long ingestionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + NAME + " WHERE ingestion_id = ?")) {
            s.setLong(1, ingestionId);
            return s.executeUpdate();
        }
    }
}
