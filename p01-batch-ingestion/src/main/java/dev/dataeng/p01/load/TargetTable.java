package dev.dataeng.p01.load;

import dev.dataeng.p01.schema.ColumnSpec;
import dev.dataeng.p01.schema.DatasetSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.StringJoiner;

/**
 * The table a dataset lands in: one typed column per schema column, plus two lineage columns
 * ({@code _ingestion_id}, {@code _record_no}) that say which ingestion and which record each row came from.
 * Plain SQL that H2 and PostgreSQL both accept; every name that comes from the schema is quoted
 * ({@link SqlNames}), so columns called {@code year} or {@code order} work.
 */
public final class TargetTable {

    private final DatasetSchema schema;
    private final SqlNames names;

    /** The table of a dataset, its names quoted the way {@code names} (the target database's rule) says. */
    public TargetTable(DatasetSchema schema, SqlNames names) {
        this.schema = schema;
        this.names = names;
    }

    public String name() {
        return schema.table();
    }

    public static String sqlType(ColumnSpec c) {
        return switch (c.type()) {
            case STRING -> c.maxLength() > 0 ? "VARCHAR(" + c.maxLength() + ")" : "VARCHAR";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + c.precision() + "," + c.scale() + ")";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
        };
    }

    /** {@code CREATE TABLE IF NOT EXISTS}, with the data columns only when {@code lineage} is false (benchmark). */
    public String createSql(String tableName, boolean lineage) {
        StringJoiner cols = new StringJoiner(", ", "CREATE TABLE IF NOT EXISTS " + names.quote(tableName) + " (",
                ")");
        for (ColumnSpec c : schema.columns()) {
            cols.add(names.quote(c.name()) + " " + sqlType(c) + (c.required() ? " NOT NULL" : ""));
        }
        if (lineage) {
            cols.add("_ingestion_id BIGINT NOT NULL");
            cols.add("_record_no BIGINT NOT NULL");
        }
        if (!schema.uniqueKey().isEmpty()) {
            cols.add("PRIMARY KEY (" + String.join(", ", schema.uniqueKey().stream().map(names::quote).toList())
                    + ")");
        }
        return cols.toString();
    }

    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(createSql(schema.table(), true));
        }
    }

    public String insertSql() {
        return insertSql(1);
    }

    /**
     * {@code INSERT INTO t (…) VALUES (?, …), (?, …), …} with {@code rows} rows: one statement for many rows, so the
     * database's cost per statement (start, savepoint, end) is paid once per {@code rows} rows.
     */
    public String insertSql(int rows) {
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ", "(", ", ?, ?)");
        for (ColumnSpec c : schema.columns()) {
            columns.add(names.quote(c.name()));
            marks.add("?");
        }
        StringJoiner values = new StringJoiner(", ");
        for (int r = 0; r < rows; r++) {
            values.add(marks.toString());
        }
        return "INSERT INTO " + names.quote(schema.table()) + " (" + columns + ", _ingestion_id, _record_no) VALUES "
                + values;
    }

    /** Parameters per row of {@link #insertSql(int)}: the columns and the two lineage columns. */
    public int parametersPerRow() {
        return schema.columns().size() + 2;
    }

    /** Sets one row's parameters on the prepared {@link #insertSql()}. */
    public void bind(PreparedStatement insert, Object[] values, long ingestionId, long recordNo)
            throws SQLException {
        bind(insert, 0, values, ingestionId, recordNo);
    }

    /** Sets one row's parameters on a prepared {@link #insertSql(int)}, after {@code offset} parameters. */
    public void bind(PreparedStatement insert, int offset, Object[] values, long ingestionId, long recordNo)
            throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int p = offset + i + 1;
            if (v == null) {
                insert.setNull(p, jdbcType(schema.columns().get(i)));
            } else if (v instanceof Long l) {
                insert.setLong(p, l);
            } else if (v instanceof String s) {
                insert.setString(p, s);
            } else if (v instanceof BigDecimal d) {
                insert.setBigDecimal(p, d);
            } else if (v instanceof Boolean b) {
                insert.setBoolean(p, b);
            } else if (v instanceof LocalDate || v instanceof OffsetDateTime) {
                insert.setObject(p, v);
            } else {
                throw new IllegalArgumentException("unexpected value type " + v.getClass());
            }
        }
        insert.setLong(offset + values.length + 1, ingestionId);
        insert.setLong(offset + values.length + 2, recordNo);
    }

    /** Removes the rows an earlier ingestion of a file loaded (a changed file being replaced). */
    public int deleteIngestion(Connection c, long ingestionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + names.quote(schema.table()) + " WHERE _ingestion_id = ?")) {
            s.setLong(1, ingestionId);
            return s.executeUpdate();
        }
    }

    private static int jdbcType(ColumnSpec c) {
        return switch (c.type()) {
            case STRING -> Types.VARCHAR;
            case INTEGER -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case BOOLEAN -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
        };
    }
}
