package io.porygon.core.compile;

import static io.porygon.core.compile.Plain.list;
import static io.porygon.core.compile.Plain.map;
import static io.porygon.core.compile.Plain.string;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.js.JsError;
import io.porygon.core.compile.js.JsProgram;
import io.porygon.core.compile.js.JsRuntime;
import io.porygon.core.compile.js.LoopBindings;
import io.porygon.core.compile.js.SqlxPrograms;
import io.porygon.core.compile.json.JsonWriter;
import io.porygon.core.compile.project.Project;
import io.porygon.core.compile.project.ProjectLoader;
import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.compile.project.SourceFile;
import io.porygon.core.compile.project.Suggestions;
import io.porygon.core.compile.project.WorkflowSettings;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.ProjectConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles a Dataform project: loads it, runs its includes and definitions in the JavaScript
 * session, then assembles and checks the graph in Java. Errors are collected, never thrown,
 * except when the project cannot be loaded at all (no or unreadable workflow_settings.yaml).
 */
public final class ProjectCompiler {
    private static final Pattern UNDEFINED_NAME = Pattern.compile("^ReferenceError: \"([\\w$]+)\" is not defined");
    /** A failed require(), as session.js reports it. */
    private static final Pattern MISSING_MODULE = Pattern.compile("Cannot find module '([^']*)'");
    private static final String REQUIRE_HINT = "only the project's own .js and .json files can be required, no npm packages; the Dataform API of"
            + " @dataform/core (publish, declare, assert, operate, test, dataform) is global, as in Dataform: drop that require";

    /** Rhino's words for a call of a property that is no function (Node: "ctx.reff is not a function"). */
    private static final Pattern NOT_A_FUNCTION = Pattern.compile("^(?:TypeError: )?Cannot find function ([\\w$]+) in object .*$");
    /** The functions of Dataform's API (the global ones, an action's, a context's and a test's), for a "did you mean". */
    private static final List<String> API_FUNCTIONS = List.of("publish", "declare", "assert", "operate", "test", "query", "queries",
            "preOps", "postOps", "dependencies", "tags", "type", "uniqueKey", "assertions", "columns", "description", "disabled",
            "hasOutput", "database", "schema", "hermetic", "protected", "materialized", "bigquery", "setDependOnDependencyAssertions",
            "where", "ref", "resolve", "self", "name", "when", "incremental", "dataset", "input", "expect");
    /** session.js's hint for a query function that returned nothing. */
    private static final Pattern GIVEN_TO = Pattern.compile("^the function given to \\.(\\w+)\\(\\)");
    /** What session.js throws for ref()'s or resolve()'s arguments. */
    private static final Pattern BAD_REF = Pattern.compile("^(?:Error: )?(?:Action target names must be strings|ref\\(\\) takes )");
    private static final Pattern REF_CALL = Pattern.compile("(?<![\\w$])(?:ref|resolve)\\s*\\(");
    private static final String REF_HINT = "write ref(\"name\"), ref(\"schema\", \"name\"), ref(\"database\", \"schema\", \"name\")"
            + " or ref({ schema: \"schema\", name: \"name\" }), each part a string";
    /** What session.js throws when a function of the API is given a wrong argument ("tags must be ...", "test() takes ..."). */
    private static final Pattern API_ARGUMENT = Pattern.compile("^(?:Error: )?([A-Za-z]+)(?:\\(\\))? (?:must be|takes) ");
    /** How far after the line Rhino gives (a multi-line statement's or template's first) the call is looked for. */
    private static final int CALL_SEARCH_LINES = 40;

    private static final String JSON_HINT = "fix the JSON of this file: require() reads it with JSON.parse, as Node does (no comments,"
            + " no trailing commas)";

    private static final String STRICT_HINT = "declare the name with const, let or var: Dataform runs project code in strict mode,"
            + " where an assignment creates no global";

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
     * files; errors go to {@code errors}. Null when project JavaScript ran out of time, reported at the line it was running.
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
            }
        }
    }

    private static Map<String, Object> evaluate(JsRuntime js, Project project, SourceIndex sources, ErrorCollector errors) {
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
                report(errors, sources, e.error(), "fix the JavaScript syntax");
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
                report(errors, sources, e.error(), "the include threw while loading; an include's top-level code cannot use another"
                        + " include's global (require it instead)");
            }
        }
        js.setApiVisible(true);
        globals.forEach(js::setGlobal);
        List<String> functions = new ArrayList<>(API_FUNCTIONS); // for a "did you mean" after a misspelt call
        globals.values().forEach(exports -> functions.addAll(JsRuntime.functionNames(exports)));
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
                report(errors, sources, e.error(), f.isSqlx() ? "check the config block and the JavaScript of this file" : "fix the JavaScript of this file",
                        functions);
            }
        }
        Map<String, Object> session = js.compileSession();
        // a SQLX file whose config was refused defines no action: refs to it are no news either
        for (Object o : list(session.get("errors"))) {
            Map<String, Object> e = map(o);
            String file = string(e.get("fileName"));
            if (e.get("missing") == null && file != null && file.endsWith(".sqlx")) unloaded.add(new SourceFile(file, "").baseName());
        }
        for (Object o : list(session.get("errors"))) {
            Map<String, Object> e = map(o);
            if (unloaded.contains(string(e.get("missing")))) continue;
            String file = string(e.get("fileName"));
            int line = Plain.integer(e.get("line"));
            if (!Plain.bool(e.get("mapped")) && file != null) line = js.originalLine(file, line);
            String hint = string(e.get("hint"));
            if (hint == null) hint = Plain.bool(e.get("exception")) ? "the JavaScript threw while computing this action's SQL" : null;
            String message = string(e.get("message"));
            if (message != null && message.startsWith(JsRuntime.UNDECLARED_ASSIGNMENT)) {
                message = JsRuntime.withoutScriptPlace(message);
                hint = STRICT_HINT;
            }
            SourceLocation at = line > 0 ? new SourceLocation(file, line, Math.max(Plain.integer(e.get("column")), sources.firstColumn(file, line)))
                    : new SourceLocation(file, 1, 1);
            if (line > 0) at = onItsLine(sources, at, message);
            if (message != null && MISSING_MODULE.matcher(message).find()) hint = REQUIRE_HINT;
            if (file != null && file.endsWith(".json")) hint = JSON_HINT;
            Matcher given = hint == null || line <= 0 ? null : GIVEN_TO.matcher(hint);
            if (given != null && given.find()) {
                // a query function that returned nothing: at its .query( call, which may be lines into the chain
                SourceLocation call = sources.firstMatch(file, line, Pattern.compile("\\.\\s*" + given.group(1) + "\\s*\\("), CALL_SEARCH_LINES);
                if (call != null) at = new SourceLocation(file, call.line(), call.column() + 1);
            }
            if (line > 0 && message != null && BAD_REF.matcher(message).find()) {
                // Rhino places an error inside a template literal's ${...} on the template's first line
                SourceLocation call = sources.firstMatch(file, line, REF_CALL, CALL_SEARCH_LINES);
                if (call != null) at = call;
                hint = REF_HINT;
            }
            NotAFunction call = line > 0 ? NotAFunction.of(sources, at, message, functions) : null;
            if (call != null) {
                at = call.at();
                message = call.message();
                hint = call.hint();
            }
            String property = string(e.get("property"));
            if (property != null) {
                SourceLocation key = sources.locateKey(file, Math.max(line, 1), property);
                if (key != null) at = key;
            }
            errors.add(at, message, hint, string(e.get("actionName")));
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

    private static void report(ErrorCollector errors, SourceIndex sources, JsError e, String hint) {
        report(errors, sources, e, hint, API_FUNCTIONS);
    }

    private static void report(ErrorCollector errors, SourceIndex sources, JsError e, String hint, List<String> functions) {
        int line = e.line() > 0 ? e.line() : 1;
        int column = e.column() > 0 ? e.column() : sources.firstColumn(e.fileName(), line);
        SourceLocation at = onItsLine(sources, new SourceLocation(e.fileName(), line, column), e.message());
        String message = e.message().toLowerCase(Locale.ROOT);
        if (Stream.of("syntax", "invalid property id", "reserved word", "missing ;").anyMatch(message::contains)) {
            StringBuilder before = new StringBuilder(); // a statement written over several lines ends on the error's line
            for (int l = Math.max(1, line - RhinoLimits.STATEMENT_LINES); l < line; l++) before.append(sources.line(e.fileName(), l)).append(' ');
            String hintForLine = RhinoLimits.hint(sources.line(e.fileName(), line), before.toString());
            if (hintForLine != null) hint = hintForLine;
        }
        if (e.message().startsWith(JsRuntime.UNDECLARED_ASSIGNMENT)) hint = STRICT_HINT;
        if (MISSING_MODULE.matcher(e.message()).find()) hint = REQUIRE_HINT;
        if (e.fileName() != null && e.fileName().endsWith(".json")) hint = JSON_HINT;
        NotAFunction call = NotAFunction.of(sources, at, e.message(), functions);
        if (call != null) {
            errors.add(call.at(), call.message(), call.hint(), null);
            return;
        }
        Matcher argument = API_ARGUMENT.matcher(e.message());
        if (argument.find() && API_FUNCTIONS.contains(argument.group(1))) {
            // a call of the API refused its argument: at the call, which may be lines into a chain
            SourceLocation called = sources.firstMatch(e.fileName(), line,
                    Pattern.compile("(?<![\\w$])" + argument.group(1) + "\\s*\\("), CALL_SEARCH_LINES);
            errors.add(called != null ? called : at, e.message().substring(argument.start(1)), hint, null);
            return;
        }
        errors.add(at, e.message(), hint, null);
    }

    /**
     * A call of a function an object does not have ({@code .qeury(...)}, {@code ctx.reff(...)}, {@code sql.safeDivde(...)}),
     * told as Node tells it, at the call, with the nearest function of Dataform's API or of the includes; or a property
     * read of undefined or null ({@code cfg.metrics.join(...)}), at the read, naming what was undefined.
     */
    private record NotAFunction(SourceLocation at, String message, String hint) {
        static NotAFunction of(SourceIndex sources, SourceLocation at, String message, List<String> functions) {
            Matcher m = message == null ? null : NOT_A_FUNCTION.matcher(message);
            if (m != null && m.matches()) {
                String name = m.group(1);
                Access access = Access.find(sources, at, name);
                String suggestion = Suggestions.closest(name, functions.stream().filter(f -> !f.equals(name)).distinct().toList());
                String said = access.receiver() != null ? access.receiver() + "." + name + " is not a function"
                        : "." + name + "() is not a function of the object it is called on";
                String hint = suggestion != null ? "did you mean " + suggestion + "?"
                        : "check the name: the object before ." + name + " has no function of that name";
                return new NotAFunction(access.at(), said, hint);
            }
            m = message == null ? null : OF_NOTHING.matcher(message);
            if (m == null || !m.find()) return null;
            Access access = Access.find(sources, at, m.group(1));
            String what = access.receiver() != null ? access.receiver() : "the value before ." + m.group(1);
            return new NotAFunction(access.at(), message, what + " is " + m.group(2) + " here: check its name, and that it is set");
        }
    }

    /**
     * Where {@code .name} is read, from {@code at}'s line on, and the name before the dot when there is one. Rhino gives the
     * line of the statement, or of the template literal, the read is in: the read may be some lines further.
     */
    private record Access(SourceLocation at, String receiver) {
        static Access find(SourceIndex sources, SourceLocation at, String name) {
            Pattern read = Pattern.compile("\\.\\s*" + Pattern.quote(name) + "(?![\\w$])");
            for (int l = at.line(); l <= at.line() + CALL_SEARCH_LINES; l++) {
                String text = sources.line(at.file(), l);
                Matcher c = read.matcher(text);
                if (!c.find()) continue;
                Matcher before = RECEIVER.matcher(text.substring(0, c.start()));
                return new Access(new SourceLocation(at.file(), l, text.indexOf(name, c.start()) + 1), before.find() ? before.group(1) : null);
            }
            return new Access(at, null);
        }
    }

    /** Rhino's words for reading a property of undefined or null (Node: "Cannot read properties of undefined (reading 'x')"). */
    private static final Pattern OF_NOTHING = Pattern.compile("^(?:TypeError: )?Cannot (?:call method|read property|set property) \"([\\w$]+)\" (?:of|from|to) (undefined|null)");

    /** The name (maybe dotted) a call's dot follows, as in {@code ctx.ref} or {@code dataform.projectConfig.x}. */
    private static final Pattern RECEIVER = Pattern.compile("(?<![\\w$.])([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\s*$");

    /**
     * The engine gives an error's line (for a statement over several lines, the line it starts on, as in a config block),
     * not its column: an unknown name is looked up from there, a failed require(...) on that line.
     */
    private static SourceLocation onItsLine(SourceIndex sources, SourceLocation at, String message) {
        if (message == null) return at;
        Matcher unknown = UNDEFINED_NAME.matcher(message);
        SourceLocation found = unknown.find() ? sources.locateWord(at.file(), at.line(), unknown.group(1)) : null;
        Matcher missing = MISSING_MODULE.matcher(message);
        if (missing.find()) found = sources.locateRequire(at.file(), at.line(), missing.group(1));
        return found != null ? found : at;
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
