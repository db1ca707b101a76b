package dev.dataeng.common.fooddelivery;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an export wrote: the ground truth a test compares a pipeline's accounting with.
 *
 * @param table   raw table name
 * @param file    the file written
 * @param records data records written (extra duplicate and correction rows included)
 * @param dirty   every dirty record, in file order
 */
public record ExportReport(String table, Path file, long records, List<DirtyRecord> dirty) {

    public ExportReport {
        dirty = List.copyOf(dirty);
    }

    public long count(DirtKind kind) {
        return dirty.stream().filter(d -> d.kind() == kind).count();
    }

    public long count(DirtKind.Effect effect) {
        return dirty.stream().filter(d -> d.kind().effect() == effect).count();
    }

    public Map<DirtKind, Long> counts() {
        Map<DirtKind, Long> counts = new EnumMap<>(DirtKind.class);
        dirty.forEach(d -> counts.merge(d.kind(), 1L, Long::sum));
        return counts;
    }

    /** Records with no dirt at all. */
    public long clean() {
        return records - dirty.size();
    }
}
