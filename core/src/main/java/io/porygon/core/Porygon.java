package io.porygon.core;

import io.porygon.core.compile.CompileResult;
import io.porygon.core.compile.ProjectCompiler;
import io.porygon.core.compile.SessionCache;
import io.porygon.core.graph.CompiledGraph;
import java.nio.file.Path;
import java.util.Map;

/** The library entry points of Porygon; the CLI is a thin shell over these. */
public final class Porygon {
    private Porygon() {}

    /** Compiles the project in {@code projectDir}; errors are in {@link CompiledGraph#graphErrors()}, never thrown. */
    public static CompiledGraph compile(Path projectDir) {
        return compile(projectDir, Map.of());
    }

    /** Compiles with {@code vars} overriding the vars of workflow_settings.yaml (as {@code --vars}). */
    public static CompiledGraph compile(Path projectDir, Map<String, String> vars) {
        return compileDetailed(projectDir, vars).graph();
    }

    /**
     * As {@link #compile(Path, Map)}, reusing what the project's JavaScript produced last time (kept
     * in {@code cache}) when the project, its settings and {@code vars} are unchanged.
     */
    public static CompiledGraph compile(Path projectDir, Map<String, String> vars, SessionCache cache) {
        return ProjectCompiler.compile(projectDir, vars, cache).graph();
    }

    /** The compiled graph plus the metadata of Dataform's JSON shape (canonical targets, hermeticity, ...). */
    public static CompileResult compileDetailed(Path projectDir, Map<String, String> vars) {
        return ProjectCompiler.compile(projectDir, vars);
    }
}
