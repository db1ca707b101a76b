package dev.dataeng.common.grading.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataeng.common.grading.Checklist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A pretend chapter's tests, run only by {@code ScorecardListenerTest} through its own launcher. */
public class SampleChapterTest {

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("passes")
    void passes() {
        assertEquals(2, 1 + 1);
    }

    @Test
    @Checklist(id = "E2", points = 3)
    @DisplayName("fails")
    void fails() {
        assertEquals(3, 1 + 1, "expected three rows");
    }

    @Test
    @Disabled("not today")
    @Checklist(id = "E3", points = 1)
    @DisplayName("is skipped")
    void skipped() {
    }

    @Test
    @Checklist(id = "E4", points = 1)
    @DisplayName("is aborted")
    void aborted() {
        Assumptions.assumeTrue(false, "no engine");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    @Checklist(id = "E10", points = 2)
    @DisplayName("one failing invocation fails the item")
    void parameterised(int n) {
        assertEquals(0, n % 3 == 0 ? 1 : 0);
    }

    @Test
    @DisplayName("not graded")
    void notGraded() {
    }

    @Checklist(id = "E5", points = 4)
    @DisplayName("never selected")
    void neverSelected() {
    }
}
