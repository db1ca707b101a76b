package dev.dataeng.common.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test as one graded item of a chapter's evaluation checklist.
 *
 * <p>The item's description is the test's {@code @DisplayName}. The README's checklist table has one row per
 * item, with the same ID. IDs are stable: a course may record them.
 *
 * <pre>{@code
 * @Test
 * @Checklist(id = "E3", points = 2)
 * @DisplayName("a row with an unparseable date is quarantined with the reason 'bad date'")
 * void badDateIsQuarantined() { ... }
 * }</pre>
 *
 * <p>A parameterised or repeated test counts once: it passes only if every invocation passes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Checklist {
    /** Stable item ID, e.g. {@code "E3"}. Unique within a chapter. */
    String id();

    /** Points awarded when the test passes. */
    int points() default 1;
}
