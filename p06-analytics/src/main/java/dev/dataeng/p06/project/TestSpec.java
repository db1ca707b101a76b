package dev.dataeng.p06.project;

import java.util.Map;

/**
 * A generic test declared in YAML on a column: {@code kind} is {@code unique}, {@code not_null},
 * {@code accepted_values} or {@code relationships}; {@code args} holds its arguments ({@code values}, {@code to},
 * {@code field}) as read from YAML.
 */
public record TestSpec(String kind, Map<String, Object> args) {
    public TestSpec {
        args = Map.copyOf(args);
    }
}
