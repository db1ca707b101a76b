package dev.dataeng.p06.project;

import java.util.List;

/** A documented column of a model or source table, with the generic tests declared on it. */
public record ColumnDoc(String name, String description, List<TestSpec> tests) {
    public ColumnDoc {
        tests = List.copyOf(tests);
    }
}
