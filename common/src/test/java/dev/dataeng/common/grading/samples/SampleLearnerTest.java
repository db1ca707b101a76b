package dev.dataeng.common.grading.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.Todo;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a learner's unfinished code does to tests, run only by {@code ScorecardListenerTest}. */
public class SampleLearnerTest {

    /** Lets the sample's endless loop end once the harness test has seen it time out. */
    public static volatile boolean release;

    @Test
    @Checklist(id = "L1", points = 1)
    @DisplayName("loops forever")
    @Timeout(value = 1, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void loopsForever() {
        Runner.runUntilEveryTaskIsDone();
    }

    @Test
    @Checklist(id = "L2", points = 1)
    @DisplayName("a stub whose exception a runner swallows")
    void swallowedStub() {
        String state;
        try {
            Runner.task();
            state = "SUCCESS";
        } catch (RuntimeException e) {
            state = "FAILED";
        }
        assertEquals("SUCCESS", state, "task state");
    }

    /** Stands for a chapter's code. */
    static final class Runner {
        static long runUntilEveryTaskIsDone() {
            long spins = 0;
            while (!release) {
                spins = (spins + 1) & 0xFFFF;
            }
            return spins;
        }

        static void task() {
            throw new Todo("TODO p00 step 2: run the task");
        }
    }
}
