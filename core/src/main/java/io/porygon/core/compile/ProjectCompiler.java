package io.porygon.core.compile;

import static io.porygon.core.compile.Plain.list;
import static io.porygon.core.compile.Plain.map;
import static io.porygon.core.compile.Plain.string;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.js.EngineFailed;
import io.porygon.core.compile.js.JsProgram;
import io.porygon.core.compile.js.JsRuntime;
import io.porygon.core.compile.js.LoopBindings;
import io.porygon.core.compile.js.SqlxPrograms;
import io.porygon.core.compile.json.JsonWriter;
import io.porygon.core.compile.project.Project;
import io.porygon.core.compile.project.ProjectLoader;
import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.compile.project.SourceFile;
import io.porygon.core.compile.project.WorkflowSettings;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.ProjectConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles a Dataform project: loads it, runs its includes and definitions in the JavaScript
 * session, then assembles and checks the graph in Java. Errors are collected, never thrown,
 * except when the project cannot be loaded at all (no or unreadable workflow_settings.yaml).
 */
public final class ProjectCompiler {
    /** Wall-clock limit for project JavaScript. */
    static final long JS_TIMEOUT_MILLIS = 30_000;

    private ProjectCompiler() {}

    public static CompileResult compile(Path projectDir, SettingsOverrides overrides) {
        return compile(projectDir, overrides, SessionCache.NONE, JS_TIMEOUT_MILLIS);
    }

    /** As {@link #compile(Path, SettingsOverrides)}, reusing the session output kept in {@code cache} when nothing it depends on changed. */
    public static CompileResult compile(Path projectDir, SettingsOverrides overrides, SessionCache cache) {
        return compile(projectDir, overrides, cache, JS_TIMEOUT_MILLIS);
    }

    /** As {@link #compile(Path, SettingsOverrides)} with another limit on the wall time of project JavaScript. */
    public static CompileResult compile(Path projectDir, SettingsOverrides overrides, long jsTimeoutMillis) {
        return compile(projectDir, overrides, SessionCache.NONE, jsTimeoutMillis);
    }

    private static CompileResult compile(Path projectDir, SettingsOverrides overrides, SessionCache cache, long jsTimeoutMillis) {
        ErrorCollector errors = new ErrorCollector();
        Project project;
        try {
            project = ProjectLoader.load(projectDir);
        } catch (PorygonException e) {
            errors.add(e, null);
            return withoutActions(WorkflowSettings.EMPTY.overriddenBy(overrides).toProjectConfig(), errors);
        }
        return compile(project, overrides, errors, jsTimeoutMillis, cache);
    }

    private static CompileResult compile(Project project, SettingsOverrides overrides, ErrorCollector errors, long jsTimeoutMillis,
            SessionCache cache) {
        // overridden before the JavaScript runs, as Dataform's CLI does: project code sees the overrides in
        // dataform.projectConfig, and the cache key (which covers the config) tells the compiles apart
        ProjectConfig config = project.settings().overriddenBy(overrides).toProjectConfig();
        String configJson = projectConfigJson(config);
        SourceIndex sources = new SourceIndex();
        project.includes().forEach(f -> sources.add(f.path(), f.content()));
        project.otherScripts().forEach(f -> sources.add(f.path(), f.content()));
        project.definitions().forEach(f -> sources.add(f.path(), f.content()));

        String key = cache.key(configJson, project);
        Map<String, Object> session = cache.load(key).orElse(null);
        if (session == null) {
            session = runSession(project, configJson, sources, errors, jsTimeoutMillis);
            if (session == null) return withoutActions(config, errors); // out of time
            if (errors.all().isEmpty() && !Plain.bool(session.get("readsClockOrRandom"))) cache.store(key, session);
        }
        List<RawAction> raws = new ArrayList<>();
        for (Object o : list(session.get("actions"))) {
            Map<String, Object> a = map(o);
            List<Map<String, Object>> deps = new ArrayList<>();
            list(a.get("deps")).forEach(d -> deps.add(map(d)));
            raws.add(new RawAction(string(a.get("kind")), Plain.target(a.get("target")), Plain.target(a.get("canonicalTarget")),
                    string(a.get("fileName")), map(a.get("proto")), deps, Plain.integer(a.get("sqlStartLine")), Plain.bool(a.get("builtIn")),
                    Plain.bool(a.get("failed"))));
        }
        List<Map<String, Object>> tests = new ArrayList<>();
        list(session.get("tests")).forEach(t -> tests.add(map(t)));
        Set<String> unloaded = new HashSet<>(Plain.strings(session.get("unloaded")));
        return new GraphAssembler(config, errors, sources, unloaded).assemble(raws, tests);
    }

    /**
     * Runs the includes and definitions in a JavaScript session and returns its plain-data output
     * (actions, tests, whether it read the clock), with dependency lines mapped back to the project's
     * files; errors go to {@code errors}. Null when project JavaScript ran out of time, made the engine itself fail (out of
     * Java stack or memory), or threw from a getter while the result was read, reported where it was running.
     */
    private static Map<String, Object> runSession(Project project, String configJson, SourceIndex sources, ErrorCollector errors,
            long jsTimeoutMillis) {
        try (JsRuntime js = JsRuntime.start(configJson, jsTimeoutMillis)) {
            try {
                return evaluate(js, project, sources, errors);
            } catch (JsRuntime.TimeLimitExceeded e) {
                String file = e.fileName() != null ? e.fileName() : project.root().toString();
                int line = e.fileName() != null ? js.originalLine(e.fileName(), e.line()) : 0;
                errors.add(new SourceLocation(file, line, 0), e.getMessage(), "look for a loop that never ends here", null);
                return null;
            } catch (EngineFailed e) {
                String file = e.at().fileName() != null ? e.at().fileName() : project.root().toString();
                errors.add(new SourceLocation(file, e.at().line(), e.at().column()), e.at().message(), e.hint(), null);
                return null;
            }
        }
    }

    private static Map<String, Object> evaluate(JsRuntime js, Project project, SourceIndex sources, ErrorCollector errors) {
        JsErrorReports reports = new JsErrorReports(errors, sources);
        List<SourceFile> scripts = new ArrayList<>(project.includes());
        project.definitions().stream().filter(SourceFile::isJs).forEach(scripts::add);
        js.defineLazyModules(project.otherScripts().stream().map(ProjectCompiler::module).toList());
        Set<String> unparsable = new HashSet<>(); // reported once, never required
        for (SourceFile f : scripts) {
            JsProgram program = JsProgram.verbatim(f.path(), f.content());
            reportLoopBindings(errors, sources, program);
            try {
                js.defineModule(program);
            } catch (JsRuntime.JsException e) {
                reports.report(e.error(), "fix the JavaScript syntax");
                unparsable.add(f.path());
            }
        }
        // Only the top-level includes are globals (those in subfolders are loaded by require), and only
        // once all of them have loaded: as in Dataform, an include's top-level code cannot use another's
        // global, nor publish() and the rest of the API.
        Map<String, Object> globals = new LinkedHashMap<>();
        js.setApiVisible(false);
        for (SourceFile include : project.includes()) {
            if (unparsable.contains(include.path()) || !include.isDirectlyIn("includes")) continue;
            try {
                globals.put(include.baseName(), js.require(include.path()));
            } catch (JsRuntime.JsException e) {
                reports.report(e.error(), "the include threw while loading; an include's top-level code cannot use another"
                        + " include's global (require it instead)");
            }
        }
        js.setApiVisible(true);
        globals.forEach(js::setGlobal);
        globals.values().forEach(reports::knowFunctionsOf);
        Set<String> unloaded = new HashSet<>(); // names of SQLX files that failed: a ref to one is no news
        for (SourceFile f : project.definitions()) {
            if (unparsable.contains(f.path())) continue;
            if (f.isSqlx()) unloaded.add(f.baseName());
            try {
                if (f.isSqlx()) {
                    JsProgram program = SqlxPrograms.of(f.path(), f.content());
                    reportLoopBindings(errors, sources, program);
                    js.run(program);
                } else {
                    js.require(f.path());
                }
                unloaded.remove(f.baseName());
            } catch (PorygonException e) {
                errors.add(e, null);
            } catch (JsRuntime.JsException e) {
                js.fileThrew(f.path());
                reports.report(e.error(), f.isSqlx() ? "check the config block and the JavaScript of this file" : "fix the JavaScript of this file");
            }
        }
        Map<String, Object> session;
        try {
            session = js.compileSession();
        } catch (JsRuntime.JsException e) {
            reports.report(e.error(), "a getter (or Proxy) in a config value threw when Porygon read the value: give a plain value");
            return null;
        }
        // a SQLX file whose config was refused defines no action: refs to it are no news either
        for (Object o : list(session.get("errors"))) {
            Map<String, Object> e = map(o);
            String file = string(e.get("fileName"));
            if (e.get("missing") == null && file != null && file.endsWith(".sqlx")) unloaded.add(new SourceFile(file, "").baseName());
        }
        for (Object o : list(session.get("errors"))) {
            Map<String, Object> e = map(o);
            if (unloaded.contains(string(e.get("missing")))) continue;
            reports.sessionError(e, js);
        }
        for (Object o : list(session.get("actions"))) {
            Map<String, Object> a = map(o);
            String file = string(a.get("fileName"));
            for (Object d : list(a.get("deps"))) {
                Map<String, Object> dep = map(d);
                int line = Plain.integer(dep.get("line"));
                if (line > 0 && !Plain.bool(dep.get("mapped"))) {
                    dep.put("line", js.originalLine(file, line));
                    dep.put("mapped", true);
                }
            }
        }
        session.remove("errors");
        session.put("unloaded", List.copyOf(unloaded));
        return session;
    }

    /** A project file that require() loads: a .js file as it is, a .json file as its parsed value, as in Node. */
    private static JsProgram module(SourceFile f) {
        if (!f.path().endsWith(".json")) return JsProgram.verbatim(f.path(), f.content());
        return JsProgram.verbatim(f.path(), "module.exports = JSON.parse(" + JsonWriter.write(f.content(), false) + ");");
    }

    /** The result of a compile that stopped before any action: just its errors. */
    private static CompileResult withoutActions(ProjectConfig config, ErrorCollector errors) {
        return new CompileResult(new CompiledGraph(config, List.of(), List.of(), List.of(), List.of(), List.of(), errors.all()), Map.of());
    }

    private static void reportLoopBindings(ErrorCollector errors, SourceIndex sources, JsProgram program) {
        for (LoopBindings.Problem p : LoopBindings.check(program.source(), program.fileName())) {
            int line = program.originalLine(p.line());
            errors.add(new SourceLocation(program.fileName(), line, sources.firstColumn(program.fileName(), line)), p.message(), p.hint(), null);
        }
    }

    /**
     * The project config as session.js reads it (JSON.parse), fields left out when unset. Project code sees the
     * order of the keys (Object.keys): Dataform's, vars first, and the vars in their own order.
     */
    static String projectConfigJson(ProjectConfig c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("vars", c.vars());
        json.put("defaultDatabase", c.defaultDatabase());
        json.put("defaultSchema", c.defaultSchema());
        json.put("defaultLocation", c.defaultLocation());
        json.put("assertionSchema", c.assertionSchema());
        json.put("databaseSuffix", c.databaseSuffix());
        json.put("schemaSuffix", c.schemaSuffix());
        json.put("tablePrefix", c.tablePrefix());
        json.put("builtinAssertionNamePrefix", c.builtinAssertionNamePrefix());
        if (c.disableAssertions()) json.put("disableAssertions", true);
        json.put("warehouse", "bigquery");
        json.values().removeIf(Objects::isNull);
        return JsonWriter.write(json, false);
    }
}
