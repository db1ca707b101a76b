package dev.dataeng.common.grading;

import dev.dataeng.common.fooddelivery.Seeds;

/**
 * The seed a graded test gives its data generator. By default the seed written in the test (the data the learner
 * sees while working); with {@code -Dgrading.seed=N} a seed derived from N and that default, so an instructor grades
 * with data the learner never saw, and a hard-coded answer fails. Graded tests compute what they expect from the
 * generator, never from numbers copied from a run, so every seed must give a full scorecard.
 *
 * <pre>./mvnw -pl p02-data-quality test -Dgrading.seed=314159</pre>
 */
public final class GradingSeed {
    /** The system property (surefire passes {@code -D} properties of the Maven command to the test JVM). */
    public static final String PROPERTY = "grading.seed";

    private GradingSeed() {
    }

    /** {@code defaultSeed}, or, under {@code -Dgrading.seed=N}, a positive seed derived from N and it. */
    public static long of(long defaultSeed) {
        String chosen = System.getProperty(PROPERTY, "").strip();
        if (chosen.isEmpty()) {
            return defaultSeed;
        }
        long grading;
        try {
            grading = Long.parseLong(chosen);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a whole number, not '" + chosen + "'");
        }
        return 1 + Math.floorMod(Seeds.mix(grading, "grading", defaultSeed), 1_000_000_000L);
    }

    /** {@code default}, or the value of {@code -Dgrading.seed}, for the scorecard's header. */
    public static String describe() {
        String chosen = System.getProperty(PROPERTY, "").strip();
        return chosen.isEmpty() ? "default" : chosen;
    }
}
