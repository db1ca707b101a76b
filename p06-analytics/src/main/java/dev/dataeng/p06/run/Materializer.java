package dev.dataeng.p06.run;

import dev.dataeng.p06.run.Warehouse.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a model's compiled SELECT into a relation, the way dbt's materializations do. Each method returns the
 * number of rows it wrote ({@code -1} for a view, which writes none).
 */
public final class Materializer {
    private final Warehouse warehouse;

    public Materializer(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** {@code create or replace view}; a table of the same name (an earlier materialization) is dropped first. */
    public long view(String relation, String select) throws SQLException {
        if (warehouse.kind(relation).orElse(null) == Kind.TABLE) {
            warehouse.execute("drop table " + relation + " cascade");
        }
        warehouse.execute("create or replace view " + relation + " as\n" + select);
        return -1;
    }

    /**
     * Builds the new table beside the old one ({@code <name>__dbt_tmp}), then swaps names, so that readers never see
     * a half-built table and a failing SELECT leaves the old table as it was. The two renames are one transaction:
     * on PostgreSQL a reader sees the old table or the new one; H2 commits each DDL statement by itself, so there a
     * reader may find no table for an instant.
     */
    public long table(String relation, String select) throws SQLException {
        // BEGIN SOLUTION step 7: create aside(relation, "__dbt_tmp") as select; rename the old table away, the tmp to the name, drop the old; return the row count
        String tmp = aside(relation, "__dbt_tmp");
        String backup = aside(relation, "__dbt_backup");
        warehouse.execute("drop table if exists " + tmp);
        warehouse.execute("create table " + tmp + " as\n" + select);
        long rows = warehouse.count("select * from " + tmp);
        warehouse.execute("drop table if exists " + backup);
        Optional<Kind> existing = warehouse.kind(relation);
        inTransaction(() -> { // one transaction for the swap, as dbt does: atomic where DDL is (PostgreSQL)
            if (existing.isPresent() && existing.get() == Kind.VIEW) {
                warehouse.execute("drop view " + relation + " cascade");
            } else if (existing.isPresent()) {
                warehouse.execute("alter table " + relation + " rename to " + nameOf(backup));
            }
            warehouse.execute("alter table " + tmp + " rename to " + nameOf(relation));
        });
        warehouse.execute("drop table if exists " + backup + " cascade");
        return rows;
        // END SOLUTION
    }

    /** {@code "S"."N"} → {@code "S"."N__DBT_TMP"}: a relation beside this one, quoted the same way. */
    String aside(String relation, String suffix) throws SQLException {
        return warehouse.names().suffixed(relation, suffix);
    }

    /** The quoted name of a relation without its schema, as {@code alter table … rename to} takes it. */
    String nameOf(String relation) throws SQLException {
        return warehouse.names().name(relation);
    }

    /** Column names quoted for this database, comma-separated. */
    String quoted(List<String> columns) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String column : columns) {
            out.add(warehouse.quote(column));
        }
        return String.join(", ", out);
    }

    /** Statements that must all happen or none. */
    public interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: commit if it succeeds, roll back and rethrow if not. */
    public void inTransaction(SqlWork work) throws SQLException {
        Connection c = warehouse.connection();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Creates each index on a table just built. Names are made unique because H2 and PostgreSQL name indexes per
     * schema; the name is not schema-qualified (PostgreSQL refuses {@code create index s.i}: an index always lives
     * in its table's schema, and H2 puts an unqualified one there too).
     */
    public void createIndexes(String relation, List<List<String>> indexes) throws SQLException {
        String suffix = Long.toString(System.nanoTime() % 2_176_782_336L, 36);
        for (int i = 0; i < indexes.size(); i++) {
            warehouse.execute("create index " + nameOf(aside(relation, "__idx" + i + "_" + suffix)) + " on "
                    + relation + " (" + quoted(indexes.get(i)) + ")");
        }
    }

    /**
     * Adds the rows of {@code select} (compiled with {@code is_incremental()} true, so only new rows) to the
     * existing table: the rows whose {@code uniqueKey} is already there are replaced (delete + insert, in one
     * transaction), the others appended. Returns how many rows the SELECT produced: what this run processed.
     */
    public long incremental(String relation, String select, List<String> uniqueKey) throws SQLException {
        // BEGIN SOLUTION step 7: build the new rows in aside(relation, "__dbt_tmp"); quote key and column names (quoted, warehouse.quote); in one transaction delete the target rows whose unique key is in tmp, insert tmp; return tmp's row count
        String tmp = aside(relation, "__dbt_tmp");
        warehouse.execute("drop table if exists " + tmp);
        warehouse.execute("create table " + tmp + " as\n" + select);
        long rows = warehouse.count("select * from " + tmp);
        String columns = quoted(List.copyOf(warehouse.columns(tmp).keySet()));
        inTransaction(() -> {
            if (!uniqueKey.isEmpty()) {
                if (uniqueKey.size() == 1) { // an IN list lets the database look the keys up in an index
                    String key = warehouse.quote(uniqueKey.get(0));
                    warehouse.execute("delete from " + relation + " where " + key + " in (select " + key + " from "
                            + tmp + ")");
                } else {
                    List<String> keys = new ArrayList<>();
                    for (String k : uniqueKey) {
                        keys.add("t." + warehouse.quote(k) + " = s." + warehouse.quote(k));
                    }
                    String matches = String.join(" and ", keys);
                    warehouse.execute("delete from " + relation + " t where exists (select 1 from " + tmp
                            + " s where " + matches + ")");
                }
            }
            warehouse.execute("insert into " + relation + " (" + columns + ") select " + columns + " from " + tmp);
        });
        warehouse.execute("drop table if exists " + tmp);
        return rows;
        // END SOLUTION
    }
}
