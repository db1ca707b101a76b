package dev.dataeng.p05.caching;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Caching pays when one expensive Dataset (read + join) feeds several actions: without it each action recomputes the
 * whole lineage. It does not pay for a Dataset used once, or one cheaper to recompute than to store (a plain scan
 * of Parquet, which also loses partition pruning and pushed filters once cached).
 */
public final class ReuseCache {
    private ReuseCache() {
    }

    /**
     * Persists {@code df} at {@code level} and materialises it now: persist alone is lazy, the blocks are only
     * stored by the first action that computes them.
     */
    public static Dataset<Row> cacheForReuse(Dataset<Row> df, StorageLevel level) {
        // BEGIN SOLUTION step 8
        Dataset<Row> cached = df.persist(level);
        cached.count();
        return cached;
        // END SOLUTION
    }

    /** Frees the cached blocks (blocking until they are gone), so later queries read the source again. */
    public static void release(Dataset<Row> cached) {
        // BEGIN SOLUTION step 8
        cached.unpersist(true);
        // END SOLUTION
    }
}
