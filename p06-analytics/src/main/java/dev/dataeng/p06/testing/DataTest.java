package dev.dataeng.p06.testing;

import java.util.Set;

/**
 * One data test, compiled: a query that returns the rows breaking a rule. It passes when the query returns none.
 *
 * @param name       dbt-style name, e.g. {@code unique_stg_orders_order_id}
 * @param kind       {@code unique}, {@code not_null}, {@code accepted_values}, {@code relationships}, {@code singular}
 * @param model      the model it is attached to (runs right after it in {@code build})
 * @param parents    every model it reads
 * @param column     the column under test (empty for singular tests)
 * @param sql        the failing-rows query
 */
public record DataTest(String name, String kind, String model, Set<String> parents, String column, String sql) {
    public DataTest {
        parents = Set.copyOf(parents);
    }
}
