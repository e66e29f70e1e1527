package io.porygon.cli;

import io.porygon.core.Porygon;
import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.CompileError;
import io.porygon.core.graph.CompiledGraph;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Compiles the project for the commands that run it, reporting compile errors the way compile does. */
final class ProjectGraph {
    private ProjectGraph() {}

    /** The compiled graph, or null after printing every compile error to {@code err}. */
    static CompiledGraph compileOrReport(Path projectDir, Map<String, String> vars, PrintWriter err) {
        CompiledGraph graph = Porygon.compile(projectDir, vars);
        if (!graph.hasErrors()) return graph;
        for (CompileError e : graph.graphErrors()) {
            SourceLocation at = e.location() == null ? SourceLocation.of("?") : e.location();
            err.println("error: " + new PorygonException(at, e.message(), e.hint()).render());
        }
        int n = graph.graphErrors().size();
        err.println(n + " compile error" + (n == 1 ? "" : "s") + "; nothing was run");
        err.flush();
        return null;
    }
}
