package dev.dataeng.p06.compile;

import dev.dataeng.p06.project.ModelFile;
import java.util.Set;

/** A model after parsing: its config and the models ({@code refs}) and raw tables ({@code sources}) it reads. */
public record ParsedModel(ModelFile file, ModelConfig config, Set<String> refs, Set<String> sources) {
    public ParsedModel {
        refs = Set.copyOf(refs);
        sources = Set.copyOf(sources);
    }

    public String name() {
        return file.name();
    }
}
