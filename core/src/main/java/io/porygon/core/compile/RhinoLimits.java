package io.porygon.core.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Modern JavaScript that Porygon's engine (Rhino) lacks, recognized on the line of a syntax error,
 * with what to write instead: the engine's own message ("syntax error") does not say.
 */
final class RhinoLimits {
    private static final Pattern DESTRUCTURED_DEFAULTS_ARROW =
            Pattern.compile("\\(\\s*(?:[\\w$]+\\s*,\\s*)*\\{[^()]*=[^()]*\\}\\s*\\)\\s*=>"); // defaults may be objects
    private static final String DESTRUCTURED_DEFAULTS_HINT = "Porygon's engine (Rhino) cannot read an arrow function whose destructured"
            + " parameter has defaults: write it with function (...) { ... }, which Rhino reads";
    /** How many lines before the error's a parameter list written over several lines is looked for. */
    static final int STATEMENT_LINES = 30;
    private static final Map<Pattern, String> HINTS = new LinkedHashMap<>();

    static {
        HINTS.put(Pattern.compile("\\.\\.\\."), "spread and rest ({...o}, [...a], f(...xs), (...xs) =>) are modern JavaScript that"
                + " Porygon's engine (Rhino) lacks: use Object.assign({}, o), a.concat(b), f.apply(null, xs) or arguments");
        HINTS.put(Pattern.compile("\\bfor\\s*\\(\\s*const\\b"), "Porygon's engine (Rhino) lacks const in a for-of or for-in loop:"
                + " write for (let x of ...) or xs.forEach(function (x) { ... })");
        HINTS.put(Pattern.compile("\\bclass\\b"), "Porygon's engine (Rhino) lacks class: write a constructor function and set"
                + " methods on its prototype, or use plain objects");
        HINTS.put(Pattern.compile("\\basync\\b|\\bawait\\b"), "Porygon's engine (Rhino) lacks async functions; a Dataform project's"
                + " JavaScript runs synchronously anyway: call the function directly");
        HINTS.put(DESTRUCTURED_DEFAULTS_ARROW, DESTRUCTURED_DEFAULTS_HINT);
    }

    /**
     * Rhino's message for {@code (?<} in a regular expression, a named group or a lookbehind, neither of which it has. For
     * a regular expression literal it gives no line: the error is placed at the file's first {@code (?<}.
     */
    static final String REGEX_MESSAGE = "Invalid quantifier ?";
    static final Pattern REGEX_GROUP = Pattern.compile("\\(\\?<");
    static final String REGEX_HINT = "Porygon's engine (Rhino) lacks named groups ((?<name>...)) and lookbehind ((?<=...), (?<!...))"
            + " in regular expressions: use a plain group (...) and its number, or match the text before as well";

    /** For NestedPatternDefaults' error. */
    static final String NESTED_DEFAULT_HINT = "Rhino reads { b: [c] = [] } or { a: { b } = {} } and leaves c or b undefined:"
            + " destructure in two steps, const { b = [] } = o; const [c] = b; (a parameter: take it whole and destructure it so"
            + " in the function's body)";

    private RhinoLimits() {}

    /**
     * The hint for the first limit the error's line shows, or for an arrow function whose parameters start on
     * one of the lines {@code before} it (joined); null when there is none.
     */
    static String hint(String line, String before) {
        for (Map.Entry<Pattern, String> e : HINTS.entrySet()) if (e.getKey().matcher(line).find()) return e.getValue();
        return DESTRUCTURED_DEFAULTS_ARROW.matcher(before + line).find() ? DESTRUCTURED_DEFAULTS_HINT : null;
    }
}
