package dev.dataeng.p06.testing;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one data test: how many rows broke the rule, and a few of them to look at.
 *
 * @param failures number of rows the failing-rows query returned
 * @param sample   up to five of those rows
 * @param message  the database's error for ERROR, the reason for SKIPPED, empty otherwise
 */
public record TestResult(String name, String model, Status status, long failures, List<Map<String, Object>> sample,
        String message) {
    public enum Status { PASS, FAIL, ERROR, SKIPPED }

    public TestResult {
        sample = List.copyOf(sample);
    }
}
