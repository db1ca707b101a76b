package dev.dataeng.common.grading;

/**
 * One row of a scorecard: a graded item, whether its test passed, and why not.
 *
 * @param id          the stable checklist ID ({@code E3})
 * @param description the test's display name, in plain words
 * @param points      points the item is worth
 * @param status      what happened to its test
 * @param test        {@code Class.method} of the test, so a learner can find it
 * @param detail      first line of the failure message or the reason it did not run; empty when it passed
 */
public record ScoreItem(String id, String description, int points, Status status, String test, String detail) {

    /** What happened to an item's test in this run. */
    public enum Status {
        PASS, FAIL,
        /** Skipped, aborted, filtered out, or never reached (e.g. its class failed to set up). Scores nothing. */
        NOT_RUN
    }

    public int earned() {
        return status == Status.PASS ? points : 0;
    }
}
