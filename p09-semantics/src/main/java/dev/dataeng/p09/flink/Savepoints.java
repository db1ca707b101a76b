package dev.dataeng.p09.flink;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Upgrading a stateful Flink job without losing its state: stop it with a savepoint (sources stop, a final
 * consistent snapshot is written and the sink's transactions commit), deploy the changed job restoring that
 * savepoint. State maps to operators by their {@code uid}, which is why every stateful operator carries one.
 */
public final class Savepoints {
    private Savepoints() {
    }

    /** Stops {@code job} with a savepoint under {@code dir}; returns the savepoint's path. */
    public static String stopWithSavepoint(JobClient job, Path dir) {
        try {
            return trigger(job, dir).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("stop-with-savepoint failed: " + e.getMessage(), e);
        }
    }

    /** Asks {@code job} to stop with a savepoint; the future completes with the savepoint's path. */
    static CompletableFuture<String> trigger(JobClient job, Path dir) {
        // BEGIN SOLUTION step 9: JobClient.stopWithSavepoint (no drain: the windows stay open in the savepoint), canonical format, into dir
        return job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL);
        // END SOLUTION
    }

    /** The configuration that makes the next job submitted restore {@code savepointPath}. */
    public static Configuration restoreFrom(String savepointPath) {
        Configuration conf = new Configuration();
        // BEGIN SOLUTION step 9: execution.state-recovery.path = the savepoint
        conf.setString("execution.state-recovery.path", savepointPath);
        // END SOLUTION
        return conf;
    }
}
