package dev.dataeng.p06.compile;

import dev.dataeng.p06.project.SingularTestFile;
import java.util.Set;

/** A singular test after parsing: the models it reads, so it runs after them and is selected with them. */
public record ParsedSingularTest(SingularTestFile file, Set<String> refs) {
    public ParsedSingularTest {
        refs = Set.copyOf(refs);
    }
}
