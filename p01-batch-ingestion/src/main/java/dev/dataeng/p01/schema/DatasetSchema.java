package dev.dataeng.p01.schema;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;

/**
 * Everything the tool knows about one dataset, read from its schema file: adding a dataset means writing one.
 *
 * @param schemaFile    where it was read from
 * @param schemaVersion bumped when the meaning of the columns changes; stored with every ingestion
 * @param dataset       dataset name
 * @param table         target table
 * @param files         glob patterns of the file names that belong to this dataset ({@code orders*.csv})
 * @param uniqueKey     target columns that identify a row (empty: the whole row does)
 * @param options       input formats
 * @param columns       columns, in target order
 * @param badRecords    how many quarantined records make a file fail instead ({@code maxBadRecords},
 *                      {@code maxBadFraction})
 * @param keepIdenticalRows {@code identicalRows: keep}: identical rows are genuine events and all load (only
 *                      without a {@code uniqueKey}); by default an identical row is counted as a duplicate
 */
public record DatasetSchema(Path schemaFile, int schemaVersion, String dataset, String table, List<String> files,
        List<String> uniqueKey, InputOptions options, List<ColumnSpec> columns, BadRecordLimit badRecords,
        boolean keepIdenticalRows) {

    public DatasetSchema {
        files = List.copyOf(files);
        uniqueKey = List.copyOf(uniqueKey);
        columns = List.copyOf(columns);
    }

    /** Whether a file of this name belongs to this dataset. */
    public boolean matches(Path file) {
        Path name = file.getFileName();
        for (String glob : files) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
