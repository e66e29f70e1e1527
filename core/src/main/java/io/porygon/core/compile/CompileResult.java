package io.porygon.core.compile;

import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.Target;
import java.util.Map;

/** The compiled graph plus the per-action metadata that only the JSON output needs. */
public record CompileResult(CompiledGraph graph, Map<Target, ActionMetadata> metadata) {

    public ActionMetadata metadata(Target target) {
        return metadata.get(target);
    }
}
