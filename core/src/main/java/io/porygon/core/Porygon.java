package io.porygon.core;

import io.porygon.core.compile.CompileResult;
import io.porygon.core.compile.ProjectCompiler;
import io.porygon.core.compile.SessionCache;
import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.graph.CompiledGraph;
import java.nio.file.Path;
import java.util.Map;

/** The library entry points of Porygon; the CLI is a thin shell over these. */
public final class Porygon {
    private Porygon() {}

    /** Compiles the project in {@code projectDir}; errors are in {@link CompiledGraph#graphErrors()}, never thrown. */
    public static CompiledGraph compile(Path projectDir) {
        return compile(projectDir, SettingsOverrides.NONE);
    }

    /** Compiles with {@code vars} overriding the vars of workflow_settings.yaml (as {@code --vars}). */
    public static CompiledGraph compile(Path projectDir, Map<String, String> vars) {
        return compile(projectDir, SettingsOverrides.ofVars(vars));
    }

    /**
     * Compiles with {@code overrides} applied to workflow_settings.yaml before the project's JavaScript runs
     * (as the Dataform CLI's {@code --vars}, {@code --schema-suffix}, ...).
     */
    public static CompiledGraph compile(Path projectDir, SettingsOverrides overrides) {
        return compileDetailed(projectDir, overrides).graph();
    }

    /**
     * As {@link #compile(Path, SettingsOverrides)}, reusing what the project's JavaScript produced last time (kept
     * in {@code cache}) when the project, its settings and {@code overrides} are unchanged.
     */
    public static CompiledGraph compile(Path projectDir, SettingsOverrides overrides, SessionCache cache) {
        return ProjectCompiler.compile(projectDir, overrides, cache).graph();
    }

    /** The compiled graph plus the metadata of Dataform's JSON shape (canonical targets, hermeticity, ...). */
    public static CompileResult compileDetailed(Path projectDir, Map<String, String> vars) {
        return compileDetailed(projectDir, SettingsOverrides.ofVars(vars));
    }

    /** As {@link #compileDetailed(Path, Map)}, with every override of the settings. */
    public static CompileResult compileDetailed(Path projectDir, SettingsOverrides overrides) {
        return ProjectCompiler.compile(projectDir, overrides);
    }
}
