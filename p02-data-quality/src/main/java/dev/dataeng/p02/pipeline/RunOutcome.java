package dev.dataeng.p02.pipeline;

import dev.dataeng.p02.checks.CheckResult;
import dev.dataeng.p02.silver.Accounting;
import java.util.List;
import java.util.Optional;

/**
 * What one run did.
 *
 * @param blockedBy  the first failed error check, if any: gold was not built (or, for gold checks, is not
 *                   trustworthy)
 * @param silverHeld the new silver failed its audit: it stays in {@code audit.*}, {@code silver.*} is unchanged
 */
public record RunOutcome(long runId, List<Accounting> accounting, List<CheckResult> checks,
        Optional<CheckResult> blockedBy, boolean goldBuilt, boolean silverHeld) {

    /** What a blocked run did not do, for the one line that reports it. */
    public static String consequence(boolean goldBuilt, boolean silverHeld) {
        return (silverHeld ? "; silver not published (candidate left in audit.*)" : "")
                + (goldBuilt ? "" : "; gold not built");
    }

    public boolean ok() {
        return blockedBy.isEmpty();
    }
}
