package io.porygon.core.compile;

import static io.porygon.core.compile.Plain.string;

import io.porygon.core.SourceLocation;
import io.porygon.core.compile.js.JsError;
import io.porygon.core.compile.js.JsRuntime;
import io.porygon.core.compile.js.NestedPatternDefaults;
import io.porygon.core.compile.project.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reports a failure of project JavaScript as a compile error where the user looks for it, with a hint. Rhino gives the
 * line a statement or a template literal starts on, in its own words ("Cannot find function reff in object ...");
 * the error is placed at the name, call or config key it concerns, and told as Node tells it.
 */
final class JsErrorReports {
    private static final Pattern UNDEFINED_NAME = Pattern.compile("^(?:ReferenceError: )?\"([\\w$]+)\" is not defined");
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
    /** What session.js reports for a dependency that is neither a name nor a target object, and the call to place it at. */
    private static final String BAD_DEPENDENCY = "A dependency must be";
    private static final Pattern DEPENDENCIES_CALL = Pattern.compile("\\.\\s*dependencies\\s*\\(");
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

    /** Rhino's words for reading a property of undefined or null (Node: "Cannot read properties of undefined (reading 'x')"). */
    private static final Pattern OF_NOTHING = Pattern.compile("^(?:TypeError: )?Cannot (?:call method|read property|set property) \"([\\w$]+)\" (?:of|from|to) (undefined|null)");

    /** The name (maybe dotted) a call's dot follows, as in {@code ctx.ref} or {@code dataform.projectConfig.x}. */
    private static final Pattern RECEIVER = Pattern.compile("(?<![\\w$.])([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\s*$");

    private final ErrorCollector errors;
    private final SourceIndex sources;
    /** What a misspelt call is compared with for a "did you mean": the API's functions, then the includes' too. */
    private final List<String> functions = new ArrayList<>(API_FUNCTIONS);

    JsErrorReports(ErrorCollector errors, SourceIndex sources) {
        this.errors = errors;
        this.sources = sources;
    }

    /** Adds the functions an include exports to those a misspelt call is compared with. */
    void knowFunctionsOf(Object includeExports) {
        functions.addAll(JsRuntime.functionNames(includeExports));
    }

    /** An error session.js collected while it computed the actions (a line it gives in generated code is mapped with {@code js}). */
    void sessionError(Map<String, Object> e, JsRuntime js) {
        if (followsUnparsedModule(string(e.get("message")))) return;
        String file = string(e.get("fileName"));
        int line = Plain.integer(e.get("line"));
        if (!Plain.bool(e.get("mapped")) && file != null) line = js.originalLine(file, line);
        String hint = string(e.get("hint"));
        if (hint == null) hint = Plain.bool(e.get("exception")) ? "the JavaScript threw while computing this action's SQL" : null;
        String message = string(e.get("message"));
        String property = string(e.get("property")); // a config key the error is about, when it came from one
        if (message != null && message.startsWith(JsRuntime.UNDECLARED_ASSIGNMENT)) {
            message = JsRuntime.withoutScriptPlace(message);
            hint = STRICT_HINT;
        }
        SourceLocation at = line > 0 ? new SourceLocation(file, line, Math.max(Plain.integer(e.get("column")), sources.firstColumn(file, line)))
                : new SourceLocation(file, 1, 1);
        if (line > 0) at = onItsLine(at, message);
        SourceLocation group = message != null && message.contains(RhinoLimits.REGEX_MESSAGE) ? regexGroup(file, line) : null;
        if (group != null) {
            at = group;
            hint = RhinoLimits.REGEX_HINT;
        }
        if (message != null && MISSING_MODULE.matcher(message).find()) hint = REQUIRE_HINT;
        if (file != null && file.endsWith(".json")) hint = JSON_HINT;
        Matcher given = hint == null || line <= 0 ? null : GIVEN_TO.matcher(hint);
        if (given != null && given.find()) {
            // a query function that returned nothing: at its .query( call, which may be lines into the chain
            SourceLocation call = sources.firstMatch(file, line, Pattern.compile("\\.\\s*" + given.group(1) + "\\s*\\("), CALL_SEARCH_LINES);
            if (call != null) at = new SourceLocation(file, call.line(), call.column() + 1);
        }
        if (property == null && line > 0 && message != null && message.startsWith(BAD_DEPENDENCY)) {
            // .dependencies(42) of the JavaScript API: at that call, which may be lines into the chain
            SourceLocation call = sources.firstMatch(file, line, DEPENDENCIES_CALL, CALL_SEARCH_LINES);
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
        if (property != null) {
            SourceLocation key = sources.locateKey(file, Math.max(line, 1), property);
            if (key != null) at = key;
        }
        SourceLocation caller = callerOf(e, js);
        if (caller != null && message != null) message += " (called from " + caller + " for " + string(e.get("actionName")) + ")";
        errors.add(at, message, hint, string(e.get("actionName")));
    }

    /**
     * A require() of a file that did not parse: its syntax error is reported in it, once, as a ref to an action whose file
     * failed is not reported again (Dataform reports the syntax error again in every file that requires it).
     */
    private static boolean followsUnparsedModule(String message) {
        return message != null && message.contains(JsRuntime.UNPARSED_MODULE);
    }

    /**
     * The {@code (?<} Rhino refused, from {@code line} on (where the statement or the ${} placeholder that built the
     * regular expression starts), else the file's first (a literal's error has no line); null when there is none: Rhino
     * says the same of a pattern that starts with a quantifier ({@code new RegExp("?.sql")}), which keeps its place and hint.
     */
    private SourceLocation regexGroup(String file, int line) {
        SourceLocation group = line > 0 ? sources.firstMatch(file, line, RhinoLimits.REGEX_GROUP, CALL_SEARCH_LINES) : null;
        return group != null ? group : sources.firstMatch(file, 1, RhinoLimits.REGEX_GROUP, Integer.MAX_VALUE / 2);
    }

    /** Where the action's file called the include that threw, as Node's stack would name it; null when the action's file threw. */
    private static SourceLocation callerOf(Map<String, Object> e, JsRuntime js) {
        String file = string(e.get("callerFile"));
        int line = Plain.integer(e.get("callerLine"));
        if (file == null || line <= 0) return null;
        if (!Plain.bool(e.get("callerMapped"))) line = js.originalLine(file, line);
        return new SourceLocation(file, line, Plain.integer(e.get("callerColumn")));
    }

    /** An error the engine threw while it loaded or ran a file ({@code hint}: what to look at when nothing more precise is known). */
    void report(JsError e, String hint) {
        if (followsUnparsedModule(e.message())) return;
        int line = e.line() > 0 ? e.line() : 1;
        int column = e.column() > 0 ? e.column() : sources.firstColumn(e.fileName(), line);
        SourceLocation at = onItsLine(new SourceLocation(e.fileName(), line, column), e.message());
        String message = e.message().toLowerCase(Locale.ROOT);
        if (Stream.of("syntax", "invalid property id", "reserved word", "missing ;").anyMatch(message::contains)) {
            StringBuilder before = new StringBuilder(); // a statement written over several lines ends on the error's line
            for (int l = Math.max(1, line - RhinoLimits.STATEMENT_LINES); l < line; l++) before.append(sources.line(e.fileName(), l)).append(' ');
            String hintForLine = RhinoLimits.hint(sources.line(e.fileName(), line), before.toString());
            if (hintForLine != null) hint = hintForLine;
        }
        SourceLocation group = e.message().contains(RhinoLimits.REGEX_MESSAGE) ? regexGroup(e.fileName(), line) : null;
        if (group != null) {
            at = group;
            hint = RhinoLimits.REGEX_HINT;
        }
        if (e.message().startsWith(NestedPatternDefaults.MESSAGE)) hint = RhinoLimits.NESTED_DEFAULT_HINT;
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

    /**
     * The engine gives an error's line (for a statement over several lines, the line it starts on, as in a config block),
     * not its column: an unknown name is looked up from there, a failed require(...) on that line.
     */
    private SourceLocation onItsLine(SourceLocation at, String message) {
        if (message == null) return at;
        Matcher unknown = UNDEFINED_NAME.matcher(message);
        SourceLocation found = unknown.find() ? sources.locateWord(at.file(), at.line(), unknown.group(1)) : null;
        Matcher missing = MISSING_MODULE.matcher(message);
        if (missing.find()) found = sources.locateRequire(at.file(), at.line(), missing.group(1));
        return found != null ? found : at;
    }
}
