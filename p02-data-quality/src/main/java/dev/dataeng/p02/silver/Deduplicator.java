package dev.dataeng.p02.silver;

import dev.dataeng.p02.pipeline.SqlNames;
import java.util.List;
import java.util.Optional;

/**
 * Deduplication by business key with a deterministic winner.
 *
 * <p>Rule: among the valid rows of one key, the row with the latest version column ({@code updated_at}) wins; ties
 * (and tables without a version column) go to the record landed last: the greatest {@code _source_file}, then the
 * greatest {@code _record_no}. A loser identical to its winner is an {@code exact_duplicate} (a replayed export);
 * otherwise it is {@code superseded} (an earlier version of a corrected record).
 */
public final class Deduplicator {
    private Deduplicator() {
    }

    /**
     * SQL that reads {@code stage.<t>_typed} (conformed rows with {@code _source_file}, {@code _record_no},
     * {@code _key}, {@code _row_hash}), writes every loser to {@code dq.duplicates} and leaves one winner per key in
     * {@code stage.<t>} with the same columns.
     *
     * @param columns every column of {@code stage.<t>_typed}, lineage columns included
     * @param names   how the database wants names quoted (a key column may be called {@code order})
     */
    public static List<String> statements(TableContract table, List<String> columns, SqlNames names) {
        String t = table.name();
        String cols = names.list(columns);
        String key = names.list(table.key());
        Optional<String> version = table.version().map(names::quote);
        // BEGIN SOLUTION step 4: rank the rows of each business key (latest version first, then last landed), write the losers to dq.duplicates, keep rank 1 in stage.<t>; names arrive quoted in cols, key, version
        String over = " OVER (PARTITION BY " + key + " ORDER BY "
                + version.map(v -> v + " DESC, ").orElse("") + "_source_file DESC, _record_no DESC)";
        return List.of(
                "CREATE TABLE stage." + t + "_ranked AS SELECT x.*, ROW_NUMBER()" + over + " AS dedup_rank, "
                        + "FIRST_VALUE(_row_hash)" + over + " AS winner_hash, "
                        + "FIRST_VALUE(_source_file)" + over + " AS winner_source_file, "
                        + "FIRST_VALUE(_record_no)" + over + " AS winner_record_no FROM stage." + t + "_typed x",
                "INSERT INTO dq.duplicates (table_name, source_file, record_no, business_key, kind, "
                        + "winner_source_file, winner_record_no) SELECT '" + t + "', _source_file, _record_no, _key, "
                        + "CASE WHEN _row_hash = winner_hash THEN 'exact_duplicate' ELSE 'superseded' END, "
                        + "winner_source_file, winner_record_no FROM stage." + t + "_ranked WHERE dedup_rank > 1",
                "CREATE TABLE stage." + t + " AS SELECT " + cols + " FROM stage." + t + "_ranked WHERE dedup_rank = 1",
                "DROP TABLE stage." + t + "_ranked");
        // END SOLUTION
    }
}
