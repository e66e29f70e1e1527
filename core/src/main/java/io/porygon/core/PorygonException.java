package io.porygon.core;

/**
 * An error the user caused and can fix: it carries where it happened and a one-line hint.
 * The CLI prints {@link #render()} without a stack trace.
 */
public class PorygonException extends RuntimeException {
    private final SourceLocation location;
    private final String hint;

    public PorygonException(SourceLocation location, String message, String hint) {
        this(location, message, hint, null);
    }

    public PorygonException(SourceLocation location, String message, String hint, Throwable cause) {
        super(message, cause);
        this.location = location;
        this.hint = hint;
    }

    public SourceLocation location() {
        return location;
    }

    public String hint() {
        return hint;
    }

    /** {@code file:line:col: message} followed by the hint on its own line, when there is one. */
    public String render() {
        String head = location == null ? getMessage() : location + ": " + getMessage();
        return hint == null || hint.isBlank() ? head : head + "\n  hint: " + hint;
    }
}
