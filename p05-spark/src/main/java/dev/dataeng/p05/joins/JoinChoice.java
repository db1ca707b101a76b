package dev.dataeng.p05.joins;

/** How the orders-restaurants join is asked for. */
public enum JoinChoice {
    /** No hint: Spark picks from table sizes (broadcast below spark.sql.autoBroadcastJoinThreshold). */
    AUTO,
    /** {@code broadcast} hint: ship the small side to every task, no shuffle of the big side. */
    BROADCAST,
    /** {@code shuffle_hash} hint: shuffle both sides, build a hash table of the smaller side per partition. */
    SHUFFLE_HASH,
    /** {@code merge} hint: shuffle and sort both sides, then merge them (the default for two big tables). */
    MERGE
}
