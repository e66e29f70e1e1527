package io.porygon.cli;

import io.porygon.core.Porygon;
import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.SessionCache;
import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.graph.CompileError;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.run.ExecutionPlan;
import io.porygon.core.run.PlanException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Compiles and plans the project for the commands that run it, reporting their errors the way compile does. */
final class ProjectGraph {
    static final String CACHE_FILE = ".porygon/cache/compile";
    /** What the count of errors says when a command that runs the project stopped at them. */
    static final String NOTHING_RUN = "; nothing was run";

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
        printErrors(graph, err, NOTHING_RUN);
        return null;
    }

    /**
     * The plan {@code planning} makes, or null after printing what kept it from being made (SQL that cannot be
     * translated, a target without a dataset) as compile errors are printed: to fix before anything can run.
     */
    static ExecutionPlan planOrReport(Supplier<ExecutionPlan> planning, PrintWriter err, String tail) {
        try {
            return planning.get();
        } catch (PlanException e) {
            e.problems().forEach(p -> err.println("error: " + p.render()));
            printCount(e.problems().size(), err, tail);
            return null;
        }
    }

    /** Each compile error located, then their number followed by {@code tail}. */
    static void printErrors(CompiledGraph graph, PrintWriter err, String tail) {
        for (CompileError e : graph.graphErrors()) {
            SourceLocation at = e.location() == null ? SourceLocation.of("?") : e.location();
            err.println("error: " + new PorygonException(at, e.message(), e.hint()).render());
        }
        printCount(graph.graphErrors().size(), err, tail);
    }

    private static void printCount(int n, PrintWriter err, String tail) {
        err.println(n + " compile error" + (n == 1 ? "" : "s") + tail);
        err.flush();
    }
}
