package io.porygon.cli;

import io.porygon.core.Porygon;
import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.SessionCache;
import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.graph.CompileError;
import io.porygon.core.graph.CompiledGraph;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Compiles the project for the commands that run it, reporting compile errors the way compile does. */
final class ProjectGraph {
    static final String CACHE_FILE = ".porygon/cache/compile";

    private ProjectGraph() {}

    /**
     * The compiled graph, or null after printing every compile error to {@code err}. When Porygon runs
     * from a jar, the project's JavaScript output is kept in .porygon/cache for the next command.
     */
    static CompiledGraph compileOrReport(Path projectDir, SettingsOverrides overrides, PrintWriter err) {
        return compileOrReport(projectDir, overrides, err, Build.jar());
    }

    /** As above, for the Porygon build named {@code build} (empty: no cache). */
    static CompiledGraph compileOrReport(Path projectDir, SettingsOverrides overrides, PrintWriter err, Optional<String> build) {
        CompiledGraph graph = build
                .map(b -> Porygon.compile(projectDir, overrides, SessionCache.inFile(projectDir.resolve(CACHE_FILE), b)))
                .orElseGet(() -> Porygon.compile(projectDir, overrides));
        if (!graph.hasErrors()) return graph;
        printErrors(graph, err, "; nothing was run");
        return null;
    }

    /** Each compile error located, then their number followed by {@code tail}. */
    static void printErrors(CompiledGraph graph, PrintWriter err, String tail) {
        for (CompileError e : graph.graphErrors()) {
            SourceLocation at = e.location() == null ? SourceLocation.of("?") : e.location();
            err.println("error: " + new PorygonException(at, e.message(), e.hint()).render());
        }
        int n = graph.graphErrors().size();
        err.println(n + " compile error" + (n == 1 ? "" : "s") + tail);
        err.flush();
    }
}
