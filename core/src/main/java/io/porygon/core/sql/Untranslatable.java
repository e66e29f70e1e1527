package io.porygon.core.sql;

/**
 * Thrown while printing a statement when a construct has no faithful DuckDB form; the translator
 * turns it into a {@link io.porygon.core.PorygonException} carrying the action's location.
 */
final class Untranslatable extends RuntimeException {
    private final String hint;

    Untranslatable(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
