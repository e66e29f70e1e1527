package io.porygon.core.sql;

/**
 * Thrown while printing a statement when a construct has no faithful DuckDB form; the translator
 * turns it into a {@link io.porygon.core.PorygonException} carrying the action's location.
 */
final class Untranslatable extends RuntimeException {
    private final String hint;
    private final String construct;

    Untranslatable(String message, String hint) {
        this(message, hint, null);
    }

    /** @param construct a word of the source (e.g. the function name) that locates the problem, or null */
    Untranslatable(String message, String hint, String construct) {
        super(message, null, false, false);
        this.hint = hint;
        this.construct = construct;
    }

    String construct() {
        return construct;
    }

    String hint() {
        return hint;
    }
}
