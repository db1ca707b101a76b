package dev.dataeng.p02.pipeline;

import dev.dataeng.p02.checks.CheckResult;
import dev.dataeng.p02.silver.Accounting;
import java.util.List;
import java.util.Optional;

/**
 * What one run did.
 *
 * @param blockedBy the first failed error check, if any: gold was not built (or, for gold checks, is not
 *                  trustworthy)
 */
public record RunOutcome(long runId, List<Accounting> accounting, List<CheckResult> checks,
        Optional<CheckResult> blockedBy, boolean goldBuilt) {

    public boolean ok() {
        return blockedBy.isEmpty();
    }
}
