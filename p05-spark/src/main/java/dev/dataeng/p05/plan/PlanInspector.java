package dev.dataeng.p05.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads the physical plan a Dataset actually ran with. With adaptive query execution (on by default) the executed
 * plan is an {@code AdaptiveSparkPlan} whose final shape is only known after an action: joins may have been switched
 * to broadcast, skewed partitions split, shuffle partitions coalesced. This walker looks through the adaptive wrapper
 * and the query stages, so call it after an action on the same Dataset.
 */
public final class PlanInspector {
    private PlanInspector() {
    }

    /** Every node of the executed plan (adaptive wrappers and query stages opened), depth first. */
    public static List<SparkPlan> nodes(Dataset<?> executed) {
        List<SparkPlan> out = new ArrayList<>();
        walk(executed.queryExecution().executedPlan(), out);
        return out;
    }

    private static void walk(SparkPlan node, List<SparkPlan> out) {
        if (node instanceof AdaptiveSparkPlanExec adaptive) {
            walk(adaptive.executedPlan(), out);
            return;
        }
        out.add(node);
        if (node instanceof QueryStageExec stage) {
            walk(stage.plan(), out);
        } else if (node instanceof ReusedExchangeExec reused) {
            walk(reused.child(), out);
        } else {
            for (SparkPlan child : CollectionConverters.asJava(node.children())) {
                walk(child, out);
            }
            // subqueries (e.g. dynamic partition pruning) hang off expressions, not children
            for (Object sub : CollectionConverters.asJava(node.subqueries())) {
                walk((SparkPlan) sub, out);
            }
        }
    }

    public static <T extends SparkPlan> List<T> nodesOf(Dataset<?> executed, Class<T> type) {
        return nodes(executed).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Simple class names of the join operators that ran, e.g. {@code [BroadcastHashJoinExec]}. */
    public static List<String> joinStrategies(Dataset<?> executed) {
        return nodes(executed).stream().map(n -> n.getClass().getSimpleName())
                .filter(name -> name.endsWith("JoinExec") || name.equals("CartesianProductExec")).toList();
    }

    /** The file scans of the plan, with their metrics (files and partitions read) filled in after the action. */
    public static List<FileSourceScanExec> fileScans(Dataset<?> executed) {
        return nodesOf(executed, FileSourceScanExec.class);
    }

    public static Optional<Long> metric(SparkPlan node, String name) {
        scala.Option<SQLMetric> metric = node.metrics().get(name);
        return metric.isDefined() ? Optional.of(metric.get().value()) : Optional.empty();
    }

    /** The executed plan as {@code explain} prints it, adaptive final plan included. */
    public static String describe(Dataset<?> executed) {
        return executed.queryExecution().executedPlan().treeString();
    }
}
